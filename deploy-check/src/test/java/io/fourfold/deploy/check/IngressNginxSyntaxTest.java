package io.fourfold.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ingresses' nginx snippets are nginx configuration that only ingress-nginx would read; where
 * nginx is installed, this places them the way ingress-nginx's template does (the server-snippet in
 * the server, the auth-snippet in each path's auth location, the configuration-snippet in the
 * path's location after ingress-nginx's own auth_request lines) and has {@code nginx -t} read the
 * result: a misspelt directive, a directive in the wrong context or a variable nothing defines
 * fails. Skipped where nginx is not installed.
 */
class IngressNginxSyntaxTest {

  private static final String ANNOTATION = "nginx.ingress.kubernetes.io/";

  @TempDir Path dir;

  @Test
  void theSnippetsAreValidNginxWhereIngressNginxPutsThem() throws Exception {
    Path nginx = onPath("nginx");
    assumeTrue(nginx != null, "nginx is not installed");
    var report = ManifestCheck.check(Repo.OVERLAYS.resolve("production"), Repo.provided());
    List<Ingress> ingresses =
        report.objects().stream()
            .filter(Ingress.class::isInstance)
            .map(Ingress.class::cast)
            .toList();
    assertThat(ingresses).hasSize(5);

    StringBuilder server = new StringBuilder();
    int auth = 0;
    for (Ingress ingress : ingresses) {
      Map<String, String> annotations = ingress.getMetadata().getAnnotations();
      server.append(annotations.getOrDefault(ANNOTATION + "server-snippet", ""));
      for (HTTPIngressPath path : ingress.getSpec().getRules().get(0).getHttp().getPaths()) {
        String authUrl = annotations.get(ANNOTATION + "auth-url");
        String authLocation = "/_external-auth-" + (++auth);
        if (authUrl != null) {
          // What ingress-nginx's template writes for auth-url (ingress-nginx 1.x), then the
          // snippet.
          server
              .append("location = ")
              .append(authLocation)
              .append(" {\n")
              .append("  internal;\n")
              .append("  proxy_pass_request_body off;\n")
              .append("  proxy_set_header Content-Length \"\";\n")
              .append("  proxy_method ")
              .append(annotations.get(ANNOTATION + "auth-method"))
              .append(";\n")
              .append("  proxy_set_header X-Original-URI $request_uri;\n")
              .append("  proxy_set_header X-Original-Method $request_method;\n")
              .append("  proxy_set_header X-Real-IP $remote_addr;\n")
              .append(annotations.getOrDefault(ANNOTATION + "auth-snippet", ""))
              .append("  proxy_pass http://127.0.0.1:9/internal/auth;\n")
              .append("}\n");
        }
        server.append("location ~* \"^").append(path.getPath()).append("\" {\n");
        if (authUrl != null) {
          server.append("  auth_request ").append(authLocation).append(";\n");
          int n = 0;
          for (String header : annotations.get(ANNOTATION + "auth-response-headers").split(",")) {
            String variable = "$authHeader" + (n++);
            server
                .append("  auth_request_set ")
                .append(variable)
                .append(" $upstream_http_")
                .append(header.trim().toLowerCase().replace('-', '_'))
                .append(";\n")
                .append("  proxy_set_header '")
                .append(header.trim())
                .append("' ")
                .append(variable)
                .append(";\n");
          }
        }
        String rewrite = annotations.get(ANNOTATION + "rewrite-target");
        if (rewrite != null) {
          server
              .append("  rewrite \"(?i)")
              .append(path.getPath())
              .append("\" ")
              .append(rewrite)
              .append(" break;\n");
        }
        server
            .append("  proxy_set_header X-Request-ID $req_id;\n")
            .append(annotations.getOrDefault(ANNOTATION + "configuration-snippet", ""))
            .append("  proxy_pass http://127.0.0.1:9;\n")
            .append("}\n");
      }
    }
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(
        conf,
        """
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log;
        events { worker_connections 16; }
        http {
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          map $http_x_request_id $req_id { default $http_x_request_id; "" $request_id; }
          server {
            listen 127.0.0.1:9;
            server_name api.fourfold.example;
        %2$s
          }
        }
        """
            .formatted(dir, server));

    Process test =
        new ProcessBuilder(
                nginx.toString(),
                "-t",
                "-p",
                dir.toString(),
                "-e",
                dir.resolve("error.log").toString(),
                "-c",
                conf.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(test.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(test.exitValue()).as(output + "\n" + Files.readString(conf)).isZero();
    assertThat(output).contains("syntax is ok");
  }

  private static Path onPath(String command) {
    List<String> dirs =
        new java.util.ArrayList<>(
            List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.add("/usr/sbin");
    for (String d : dirs) {
      Path candidate = Path.of(d, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
