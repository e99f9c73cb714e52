package io.fourfold.deploy.check;

import static io.fourfold.deploy.check.CrossReferences.id;
import static io.fourfold.deploy.check.CrossReferences.name;
import static io.fourfold.deploy.check.CrossReferences.ns;
import static io.fourfold.deploy.check.CrossReferences.nullSafe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every Fourfold workload and Ingress must have (issue: "Per service: Deployment (readiness
 * and liveness from Quarkus health, resource requests and limits, non-root, read-only root
 * filesystem), Service, HorizontalPodAutoscaler, PodDisruptionBudget"; "/internal/ unreachable from
 * outside"; "no secret value committed").
 */
final class DeploymentRules {

  static final String AUTH_URL = "nginx.ingress.kubernetes.io/auth-url";
  static final String SERVER_SNIPPET = "nginx.ingress.kubernetes.io/server-snippet";
  private static final java.util.regex.Pattern INTERNAL_BLOCK =
      java.util.regex.Pattern.compile("location\\s+\\^~\\s+/internal/\\s*\\{");

  private final List<HasMetadata> objects;
  private final List<String> problems = new ArrayList<>();

  DeploymentRules(List<HasMetadata> objects) {
    this.objects = objects;
  }

  List<String> check() {
    var workloads = CrossReferences.workloads(objects);
    for (var workload : workloads) {
      String where = workload.id();
      var spec = workload.template().getSpec();
      PodSecurityContext pod = spec.getSecurityContext();
      boolean podNonRoot = pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
      if (!Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())) {
        problems.add(where + ": automountServiceAccountToken must be false (no API access needed)");
      }
      for (Container container : spec.getContainers()) {
        String at = where + " container " + container.getName();
        checkContainer(at, container, podNonRoot, workload.kind().equals("Deployment"));
      }
    }
    for (Deployment deployment : of(Deployment.class)) {
      String name = name(deployment);
      var labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
      if (of(Service.class).stream()
          .noneMatch(
              s ->
                  ns(s).equals(ns(deployment))
                      && labels.entrySet().containsAll(s.getSpec().getSelector().entrySet()))) {
        problems.add(id(deployment) + ": no Service selects it");
      }
      if (of(HorizontalPodAutoscaler.class).stream()
          .noneMatch(h -> name.equals(h.getSpec().getScaleTargetRef().getName()))) {
        problems.add(id(deployment) + ": no HorizontalPodAutoscaler scales it");
      }
      if (deployment.getSpec().getReplicas() != null) {
        problems.add(id(deployment) + ": sets replicas although an HPA owns the count");
      }
      if (of(PodDisruptionBudget.class).stream()
          .noneMatch(p -> CrossReferences.matches(p.getSpec().getSelector(), labels))) {
        problems.add(id(deployment) + ": no PodDisruptionBudget covers it");
      }
      if (of(NetworkPolicy.class).stream()
          .noneMatch(
              p ->
                  p.getSpec().getPodSelector().getMatchLabels() != null
                      && name.equals(
                          p.getSpec()
                              .getPodSelector()
                              .getMatchLabels()
                              .get("app.kubernetes.io/name")))) {
        problems.add(id(deployment) + ": no NetworkPolicy of its own");
      }
    }
    for (Secret secret : of(Secret.class)) {
      problems.add(id(secret) + ": a Secret is committed; reference Secrets by name only");
    }
    checkIngresses();
    return problems;
  }

  private void checkContainer(String at, Container container, boolean podNonRoot, boolean served) {
    String image = container.getImage();
    if (image == null
        || !(image.contains("@") || image.lastIndexOf(':') > image.lastIndexOf('/'))
        || image.endsWith(":latest")) {
      problems.add(at + ": image " + image + " must name a tag or digest (not latest)");
    }
    ResourceRequirements resources = container.getResources();
    for (String side : List.of("requests", "limits")) {
      Map<String, Quantity> values =
          resources == null
              ? null
              : side.equals("requests") ? resources.getRequests() : resources.getLimits();
      for (String resource : List.of("cpu", "memory")) {
        if (values == null || !values.containsKey(resource)) {
          problems.add(at + ": resources." + side + "." + resource + " is missing");
        }
      }
      // fabric8 keeps any string as a Quantity; the API server accepts only its grammar.
      if (values != null) {
        values.forEach(
            (resource, quantity) -> {
              if (amount(quantity).isEmpty()) {
                problems.add(
                    at
                        + ": resources."
                        + side
                        + "."
                        + resource
                        + " "
                        + quantity
                        + " is not a quantity");
              }
            });
      }
    }
    if (resources != null && resources.getRequests() != null && resources.getLimits() != null) {
      Quantity request = resources.getRequests().get("memory");
      Quantity limit = resources.getLimits().get("memory");
      var requested = amount(request);
      var limited = amount(limit);
      if (requested.isPresent()
          && limited.isPresent()
          && requested.get().compareTo(limited.get()) > 0) {
        problems.add(at + ": memory request above its limit");
      }
    }
    SecurityContext security = container.getSecurityContext();
    if (security == null || !Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
      problems.add(at + ": readOnlyRootFilesystem must be true");
    }
    if (security == null || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
      problems.add(at + ": allowPrivilegeEscalation must be false");
    }
    boolean nonRoot =
        security != null && security.getRunAsNonRoot() != null
            ? security.getRunAsNonRoot()
            : podNonRoot;
    if (!nonRoot) {
      problems.add(at + ": must run as non-root (runAsNonRoot: true)");
    }
    if (served) {
      checkProbe(at + " readinessProbe", container.getReadinessProbe(), "/q/health/ready");
      checkProbe(at + " livenessProbe", container.getLivenessProbe(), "/q/health/live");
    }
  }

  /** The quantity's value, or empty when it is missing or not in Kubernetes' quantity grammar. */
  private static java.util.Optional<java.math.BigDecimal> amount(Quantity quantity) {
    try {
      return java.util.Optional.ofNullable(quantity).map(Quantity::getNumericalAmount);
    } catch (IllegalArgumentException | ArithmeticException invalid) {
      return java.util.Optional.empty();
    }
  }

  private void checkProbe(String at, Probe probe, String path) {
    if (probe == null || probe.getHttpGet() == null || !path.equals(probe.getHttpGet().getPath())) {
      problems.add(at + ": must be an HTTP GET of Quarkus' " + path);
    }
  }

  private void checkIngresses() {
    Map<String, Integer> internalBlocks = new HashMap<>();
    for (Ingress ingress : of(Ingress.class)) {
      Map<String, String> annotations =
          ingress.getMetadata().getAnnotations() == null
              ? Map.of()
              : ingress.getMetadata().getAnnotations();
      String auth = annotations.get(AUTH_URL);
      List<String> paths = new ArrayList<>();
      for (IngressRule rule : nullSafe(ingress.getSpec().getRules())) {
        String snippet = annotations.getOrDefault(SERVER_SNIPPET, "");
        if (INTERNAL_BLOCK.matcher(snippet).find()) {
          internalBlocks.merge(String.valueOf(rule.getHost()), 1, Integer::sum);
        } else {
          internalBlocks.putIfAbsent(String.valueOf(rule.getHost()), 0);
        }
        for (HTTPIngressPath path : rule.getHttp().getPaths()) {
          paths.add(path.getPath());
          if (path.getPath().replaceAll("^\\^", "").startsWith("/internal")
              || path.getPath().equals("/")) {
            problems.add(id(ingress) + ": path " + path.getPath() + " would reach /internal/");
          }
        }
      }
      if (auth == null) {
        if (!paths.stream().allMatch(p -> p.equals("/console") || p.startsWith("/console/"))) {
          problems.add(
              id(ingress)
                  + ": routes "
                  + paths
                  + " without the auth check ("
                  + AUTH_URL
                  + "); only the console's static files may");
        }
        continue;
      }
      checkAuthUrl(ingress, auth);
    }
    internalBlocks.forEach(
        (host, count) -> {
          if (count != 1) {
            problems.add(
                "host "
                    + host
                    + ": "
                    + count
                    + " server-snippets answer /internal/ with 404;"
                    + " exactly one must");
          }
        });
  }

  private void checkAuthUrl(Ingress ingress, String auth) {
    URI uri = URI.create(auth);
    String expectedHost = "session-service." + ns(ingress) + ".svc.cluster.local";
    if (!"/internal/auth".equals(uri.getPath()) || !expectedHost.equals(uri.getHost())) {
      problems.add(
          id(ingress)
              + ": "
              + AUTH_URL
              + " must be http://"
              + expectedHost
              + "/internal/auth, is "
              + auth);
    }
    boolean sessionService =
        of(Service.class).stream()
            .anyMatch(
                s ->
                    name(s).equals("session-service")
                        && ns(s).equals(ns(ingress))
                        && s.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == 80));
    if (!sessionService) {
      problems.add(id(ingress) + ": " + AUTH_URL + " names no Service on port 80");
    }
    String headers =
        ingress
            .getMetadata()
            .getAnnotations()
            .getOrDefault("nginx.ingress.kubernetes.io/auth-response-headers", "");
    for (String header : List.of("X-Account-Id", "X-Account-Role", "X-Session-Id")) {
      if (!List.of(headers.split("\\s*,\\s*")).contains(header)) {
        problems.add(id(ingress) + ": auth-response-headers must pass " + header);
      }
    }
    String snippet =
        ingress
            .getMetadata()
            .getAnnotations()
            .getOrDefault("nginx.ingress.kubernetes.io/configuration-snippet", "");
    for (String header : List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")) {
      if (!snippet.contains("add_header " + header + " ")) {
        problems.add(id(ingress) + ": configuration-snippet must return " + header);
      }
    }
    Map<String, String> annotations = ingress.getMetadata().getAnnotations();
    // ingress-nginx sends X-Original-URI (how session-service tells public endpoints) only
    // with an auth-method; without X-Auth-Request an over-limit answer is a 429, which nginx
    // turns into a 500.
    if (!"GET".equals(annotations.get("nginx.ingress.kubernetes.io/auth-method"))) {
      problems.add(id(ingress) + ": auth-method must be GET (else no X-Original-URI is sent)");
    }
    if (!annotations
        .getOrDefault("nginx.ingress.kubernetes.io/auth-snippet", "")
        .contains("proxy_set_header X-Auth-Request nginx;")) {
      problems.add(id(ingress) + ": auth-snippet must send X-Auth-Request: nginx");
    }
    if (!snippet.contains("error_page 403 = @fourfold_rate_limited")) {
      problems.add(id(ingress) + ": an over-limit auth answer (403) must become a 429");
    }
  }

  private <T extends HasMetadata> List<T> of(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
