package io.fourfold.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OverlaysTest {

  private static final List<String> SERVICES =
      List.of(
          "account-service",
          "billing-service",
          "session-service",
          "search-projector",
          "blob-service");

  @Test
  void everyOverlayIsCheckedHere() throws IOException {
    try (Stream<Path> dirs = Files.list(Repo.OVERLAYS)) {
      assertThat(dirs.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("single-node", "production");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"single-node", "production"})
  void overlayRendersToValidObjectsThatReferToEachOther(String overlay) {
    ManifestCheck.Report report =
        ManifestCheck.check(Repo.OVERLAYS.resolve(overlay), Repo.provided());

    assertThat(report.problems()).isEmpty();
    for (String service : SERVICES) {
      assertThat(names(report.objects()))
          .contains(
              "Deployment/" + service,
              "Service/" + service,
              "HorizontalPodAutoscaler/" + service,
              "PodDisruptionBudget/" + service,
              "NetworkPolicy/" + service,
              "ConfigMap/" + service + "-config");
    }
    assertThat(names(report.objects()))
        .contains(
            "CronJob/replay-cli", "NetworkPolicy/fourfold-default-deny", "Namespace/fourfold");
    assertThat(report.objects())
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/part-of", "fourfold"));
  }

  @Test
  void singleNodeIsSmallAndProductionSpreadsAndTerminatesTls() {
    var small = ManifestCheck.check(Repo.OVERLAYS.resolve("single-node"), Repo.provided());
    var production = ManifestCheck.check(Repo.OVERLAYS.resolve("production"), Repo.provided());

    assertThat(of(small.objects(), HorizontalPodAutoscaler.class))
        .allSatisfy(
            h -> {
              assertThat(h.getSpec().getMinReplicas()).isEqualTo(1);
              assertThat(h.getSpec().getMaxReplicas()).isEqualTo(2);
            });
    assertThat(of(production.objects(), HorizontalPodAutoscaler.class))
        .allSatisfy(h -> assertThat(h.getSpec().getMinReplicas()).isEqualTo(2));
    assertThat(of(production.objects(), Deployment.class))
        .allSatisfy(
            d -> {
              var pod = d.getSpec().getTemplate().getSpec();
              assertThat(pod.getTopologySpreadConstraints()).hasSize(2);
              assertThat(pod.getContainers().get(0).getImage())
                  .startsWith("registry.example.com/fourfold/")
                  .endsWith(":0.1.0");
              // The patch merged into the container, it did not replace it.
              assertThat(pod.getContainers().get(0).getReadinessProbe()).isNotNull();
              assertThat(pod.getContainers().get(0).getEnvFrom()).hasSize(2);
            });
    assertThat(
            of(production.objects(), CronJob.class)
                .get(0)
                .getSpec()
                .getJobTemplate()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("registry.example.com/fourfold/replay-cli:0.1.0");
    assertThat(of(production.objects(), Ingress.class))
        .allSatisfy(
            i ->
                assertThat(i.getSpec().getTls())
                    .singleElement()
                    .satisfies(tls -> assertThat(tls.getSecretName()).isEqualTo("fourfold-tls")));
    assertThat(of(small.objects(), Ingress.class))
        .allSatisfy(i -> assertThat(i.getSpec().getTls()).isNullOrEmpty());
  }

  @Test
  void servicesLogJsonInTheClusterAndTheReplayJobNeverRunsOnItsOwn() {
    var report = ManifestCheck.check(Repo.OVERLAYS.resolve("production"), Repo.provided());

    ConfigMap common =
        of(report.objects(), ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().equals("fourfold-common"))
            .findFirst()
            .orElseThrow();
    assertThat(common.getData()).containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
    CronJob replay = of(report.objects(), CronJob.class).get(0);
    assertThat(replay.getSpec().getSuspend()).isTrue();
  }

  private static List<String> names(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }

  private static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
