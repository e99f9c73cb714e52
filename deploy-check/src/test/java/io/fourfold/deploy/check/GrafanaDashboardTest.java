package io.fourfold.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard queries only metrics the services really expose: Fourfold's own meters as the
 * sources register them (Micrometer's name with dots as underscores, {@code _total} for counters),
 * and Quarkus' HTTP server metric.
 */
class GrafanaDashboardTest {

  private static final Path DASHBOARD = Repo.ROOT.resolve("deploy/grafana/fourfold-dashboard.json");
  private static final Pattern METER =
      Pattern.compile("(Counter|Gauge|Timer)\\.builder\\(\\s*\"(fourfold\\.[a-z0-9.]+)\"");
  // What is left of a PromQL expression once grouping, label matchers and ranges are removed.
  private static final Pattern NOT_A_NAME =
      Pattern.compile("\\b(by|without)\\s*\\([^)]*\\)|\\{[^}]*\\}|\\[[^\\]]*\\]");
  private static final Pattern METRIC = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Set<String> FUNCTIONS =
      Set.of("sum", "max", "min", "avg", "rate", "increase");

  @Test
  void everyQueriedMetricIsOneTheServicesExpose() throws IOException {
    Set<String> exposed = registeredMeters();
    exposed.add("http_server_requests_seconds_count");
    assertThat(exposed)
        .contains(
            "fourfold_projection_lag_events",
            "fourfold_projection_lag_seconds",
            "fourfold_projection_dead_letters",
            "fourfold_group_commit_commands_total",
            "fourfold_rebuild_position",
            "fourfold_event_store_head",
            "fourfold_relay_lag_events");

    List<String> queried = new ArrayList<>();
    for (JsonNode panel : dashboard().path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        String expr = NOT_A_NAME.matcher(target.path("expr").asText()).replaceAll(" ");
        Matcher metric = METRIC.matcher(expr);
        while (metric.find()) {
          if (!FUNCTIONS.contains(metric.group())) {
            queried.add(metric.group());
          }
        }
      }
    }
    assertThat(queried).isNotEmpty().allSatisfy(m -> assertThat(exposed).contains(m));
  }

  @Test
  void theDashboardHasThePanelsOperatorsNeed() throws IOException {
    JsonNode dashboard = dashboard();
    List<String> titles = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      titles.add(panel.path("title").asText());
      assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      assertThat(panel.path("targets")).isNotEmpty();
    }
    assertThat(dashboard.path("uid").asText()).isEqualTo("fourfold-overview");
    assertThat(titles)
        .contains(
            "Append rate",
            "Relay lag",
            "Projection lag (events)",
            "Projection lag (seconds)",
            "Rebuild progress",
            "Dead letters",
            "Rate-limit rejections");
  }

  private static JsonNode dashboard() throws IOException {
    return new ObjectMapper().readTree(DASHBOARD.toFile());
  }

  private static Set<String> registeredMeters() throws IOException {
    Set<String> names = new HashSet<>();
    try (Stream<Path> modules = Files.list(Repo.ROOT)) {
      for (Path sources :
          modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.walk(sources)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
            Matcher meter = METER.matcher(Files.readString(file));
            while (meter.find()) {
              String name = meter.group(2).replace('.', '_');
              names.add(meter.group(1).equals("Counter") ? name + "_total" : name);
            }
          }
        }
      }
    }
    return names;
  }
}
