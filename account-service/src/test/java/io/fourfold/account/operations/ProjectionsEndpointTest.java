package io.fourfold.account.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/projections}: every projection's store, position and lag, for admins. */
@QuarkusTest
class ProjectionsEndpointTest {

  @Test
  void anAdminSeesTheAccountReadModelWithItsStorePositionAndLag() {
    JsonPath body =
        given()
            .header("X-Account-Id", "00000000-0000-0000-0000-00000000a0a0")
            .header("X-Account-Role", "admin")
            .get("/api/v1/projections")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    Map<String, Object> readModel = body.getMap("find { it.name == 'account-read-model' }");
    assertThat(readModel)
        .containsEntry("store", "postgresql")
        .containsEntry("service", "account-service")
        .containsKeys("position", "headPosition", "lagEvents", "lagSeconds");
    assertThat(readModel.get("state")).isIn("live", "rebuilding", "failing");
    // The generation serving reads, as the rebuild registry has it (rebuild tests move it on).
    int serving =
        given()
            .get("/internal/generations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getInt("find { it.name == 'account-read-model' }.active");
    assertThat(readModel).containsEntry("generation", serving);
    // The head is read from the event store; the position from the records applied, which on the
    // shared test topic include other modules' synthetic ones, so the two are not compared here.
    assertThat(((Number) readModel.get("headPosition")).longValue()).isNotNegative();
  }

  @Test
  void theMetricsShowTheEventStoreHeadAndTheRelayCatchingUp() {
    given()
        .contentType("application/json")
        .body(
            Map.of(
                "email", UUID.randomUUID() + "@example.com",
                "displayName", "Metric",
                "password", "correct horse battery"))
        .post("/api/v1/accounts")
        .then()
        .statusCode(201);
    long head =
        given()
            .header("X-Account-Id", "00000000-0000-0000-0000-00000000a0a0")
            .header("X-Account-Role", "admin")
            .get("/internal/projections")
            .then()
            .extract()
            .jsonPath()
            .getLong("find { it.name == 'account-read-model' }.headPosition");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(metric("fourfold_event_store_head")).isGreaterThanOrEqualTo(head);
              assertThat(metric("fourfold_relay_position")).isGreaterThanOrEqualTo(head);
              assertThat(metric("fourfold_relay_lag_events")).isZero();
            });
  }

  /** A gauge's value from the Prometheus page ("name value", maybe followed by an exemplar). */
  private static double metric(String name) {
    return given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString()
        .lines()
        .filter(line -> line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.split(" ")[1]))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not in /q/metrics"));
  }

  @Test
  void aUserIsRefusedAndAnAnonymousCallerIsUnauthorized() {
    given()
        .header("X-Account-Id", "00000000-0000-0000-0000-0000000000b1")
        .header("X-Account-Role", "user")
        .get("/api/v1/projections")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given().get("/api/v1/projections").then().statusCode(401);
  }
}
