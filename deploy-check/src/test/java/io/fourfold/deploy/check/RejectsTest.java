package io.fourfold.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check fails for the mistakes it exists to catch: each case copies deploy/k8s, breaks one
 * thing in it and renders the single-node overlay.
 */
class RejectsTest {

  @TempDir Path copy;

  @BeforeEach
  void copyManifests() throws IOException {
    try (Stream<Path> files = Files.walk(Repo.K8S)) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(Repo.K8S.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  @Test
  void theUnbrokenCopyPasses() {
    assertThat(problems()).isEmpty();
  }

  @Test
  void anUnknownField() throws IOException {
    replace(
        "base/billing-service.yaml",
        "  revisionHistoryLimit: 3\n",
        "  revisionHistoryLimit: 3\n  replica: 2\n");

    assertThat(problems())
        .singleElement()
        .asString()
        .contains(
            "Deployment billing-service", "Unrecognized field \"replica\"", "at spec.replica");
  }

  @Test
  void anUnknownFieldDeepInAPodTemplate() throws IOException {
    replace(
        "base/session-service.yaml",
        "            periodSeconds: 5\n",
        "            periodSeconds: 5\n            initialDelay: 3\n");

    assertThat(problems())
        .singleElement()
        .asString()
        .contains(
            "Deployment session-service",
            "\"initialDelay\"",
            "spec.template.spec.containers[0].readinessProbe.initialDelay");
  }

  @Test
  void aStringWhereANumberBelongs() throws IOException {
    replace(
        "base/account-service.yaml",
        "              containerPort: 8080\n",
        "              containerPort: \"8080\"\n");

    assertThat(problems())
        .singleElement()
        .asString()
        .contains("Deployment account-service", "containerPort");
  }

  @Test
  void aNumberWhereAStringBelongs() throws IOException {
    replace("base/common.yaml", "QUARKUS_HTTP_PORT: \"8080\"", "QUARKUS_HTTP_PORT: 8080");

    assertThat(problems())
        .singleElement()
        .asString()
        .contains("ConfigMap fourfold-common", "QUARKUS_HTTP_PORT");
  }

  @Test
  void aStringWhereABooleanBelongs() throws IOException {
    replace("base/replay-cli.yaml", "  suspend: true\n", "  suspend: \"yes\"\n");

    assertThat(problems()).singleElement().asString().contains("CronJob replay-cli", "suspend");
  }

  @Test
  void aQuantityThatIsNotOne() throws IOException {
    replaceFirst(
        "overlays/single-node/small.yaml",
        "              memory: 512Mi\n",
        "              memory: 512MiB\n");

    assertThat(problems())
        .singleElement()
        .asString()
        .contains("Deployment/account-service", "resources.limits.memory 512MiB is not a quantity");
  }

  @Test
  void aKindTheCheckDoesNotKnow() throws IOException {
    replace("base/common.yaml", "kind: ConfigMap", "kind: ConfigMapp");

    assertThat(problems()).singleElement().asString().contains("not a kind deploy-check knows");
  }

  @Test
  void aServiceWhoseSelectorSelectsNothing() throws IOException {
    replace(
        "base/billing-service.yaml",
        "  type: ClusterIP\n  selector:\n    app.kubernetes.io/name: billing-service\n",
        "  type: ClusterIP\n  selector:\n    app.kubernetes.io/name: billing-servce\n");

    assertThat(problems())
        .anySatisfy(p -> assertThat(p).contains("Service/billing-service", "selects no Deployment"))
        .anySatisfy(
            p -> assertThat(p).contains("Deployment/billing-service", "no Service selects it"));
  }

  @Test
  void aServiceTargetingAPortThePodsDoNotHave() throws IOException {
    replace("base/blob-service.yaml", "      targetPort: http\n", "      targetPort: web\n");

    assertThat(problems())
        .singleElement()
        .asString()
        .contains("Service/blob-service", "targetPort web");
  }

  @Test
  void anUndocumentedSecretOrKey() throws IOException {
    replace(
        "base/blob-service.yaml",
        "name: fourfold-s3\n                  key: secret-access-key",
        "name: fourfold-s4\n                  key: secret-access-key");
    replace("base/session-service.yaml", "key: redis-password", "key: password");

    assertThat(problems())
        .anySatisfy(p -> assertThat(p).contains("Secret fourfold-s4", "not documented"))
        .anySatisfy(p -> assertThat(p).contains("Secret fourfold-redis (key password)"))
        .hasSize(2);
  }

  @Test
  void aMissingConfigMap() throws IOException {
    replace(
        "base/search-projector.yaml",
        "                name: search-projector-config\n",
        "                name: search-config\n");

    assertThat(problems())
        .singleElement()
        .asString()
        .contains("ConfigMap search-config", "neither in the manifests nor documented");
  }

  @Test
  void aCommittedSecret() throws IOException {
    Files.writeString(
        copy.resolve("base/secret.yaml"),
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: fourfold-s3\nstringData:\n  access-key-id: x\n");
    replace("base/kustomization.yaml", "  - ingress.yaml\n", "  - ingress.yaml\n  - secret.yaml\n");

    assertThat(problems())
        .anySatisfy(p -> assertThat(p).contains("Secret/fourfold-s3", "committed"));
  }

  @Test
  void anIngressPathIntoInternal() throws IOException {
    replace(
        "base/ingress.yaml",
        "          - path: /api/v1/search\n",
        "          - path: /internal/search\n");

    assertThat(problems())
        .singleElement()
        .asString()
        .contains("Ingress/fourfold-api", "/internal/search");
  }

  @Test
  void aHostWhoseInternalPathsAreNotBlocked() throws IOException {
    // A plain prefix location loses to the host's regex locations: only ^~ blocks for sure.
    replace("base/ingress.yaml", "      location ^~ /internal/ {", "      location /internal/ {");

    assertThat(problems())
        .singleElement()
        .asString()
        .contains("host api.fourfold.example", "0 server-snippets answer /internal/");
  }

  @Test
  void anIngressWithoutTheAuthCheck() throws IOException {
    replace(
        "base/ingress.yaml",
        "    nginx.ingress.kubernetes.io/auth-url: \"http://session-service.fourfold.svc.cluster.local/internal/auth\"\n",
        "");

    assertThat(problems())
        .allSatisfy(p -> assertThat(p).contains("without the auth check"))
        .hasSize(4);
  }

  @Test
  void anAuthCheckThatWouldTurnRateLimitsIntoErrors() throws IOException {
    replaceFirst("base/ingress.yaml", "      proxy_set_header X-Auth-Request nginx;\n", "");

    assertThat(problems())
        .singleElement()
        .asString()
        .contains("Ingress/fourfold-api", "X-Auth-Request: nginx");
  }

  @Test
  void aContainerWithoutLimitsOrProbesOrAWritableRoot() throws IOException {
    replaceFirst(
        "overlays/single-node/small.yaml",
        "            limits:\n              cpu: \"1\"\n              memory: 512Mi\n",
        "            limits:\n              cpu: \"1\"\n              memory: null\n");
    replace("base/account-service.yaml", "            readOnlyRootFilesystem: true\n", "");
    replace(
        "base/account-service.yaml",
        "              path: /q/health/live\n",
        "              path: /q/health\n");

    assertThat(problems())
        .contains(
            "Deployment/account-service container account-service: resources.limits.memory is missing",
            "Deployment/account-service container account-service: readOnlyRootFilesystem must be true",
            "Deployment/account-service container account-service livenessProbe: must be an HTTP GET of Quarkus' /q/health/live")
        .hasSize(3);
  }

  @Test
  void aKustomizationFieldTheRendererDoesNotImplement() throws IOException {
    replace(
        "overlays/single-node/kustomization.yaml",
        "patches:\n",
        "commonLabels:\n  tier: x\npatches:\n");

    assertThatThrownBy(this::problems)
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("field \"commonLabels\" is not supported");
  }

  @Test
  void aPatchWhoseTargetDoesNotExist() throws IOException {
    replace(
        "overlays/single-node/small.yaml",
        "  name: blob-service\nspec:\n  minReplicas",
        "  name: blobs\nspec:\n  minReplicas");

    assertThatThrownBy(this::problems)
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("patch target HorizontalPodAutoscaler/blobs not found");
  }

  private List<String> problems() {
    return ManifestCheck.check(copy.resolve("overlays/single-node"), Repo.provided()).problems();
  }

  /** The first occurrence only (the patch of account-service, the first in the file). */
  private void replaceFirst(String file, String from, String to) throws IOException {
    Path path = copy.resolve(file);
    String text = Files.readString(path);
    int at = text.indexOf(from);
    assertThat(at).as("%s contains the text to break", file).isNotNegative();
    Files.writeString(path, text.substring(0, at) + to + text.substring(at + from.length()));
  }

  private void replace(String file, String from, String to) throws IOException {
    Path path = copy.resolve(file);
    String text = Files.readString(path);
    assertThat(text).as("%s contains the text to break", file).contains(from);
    Files.writeString(path, text.replace(from, to));
  }
}
