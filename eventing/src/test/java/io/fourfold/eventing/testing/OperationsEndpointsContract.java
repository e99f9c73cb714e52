package io.fourfold.eventing.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * What every Fourfold service owes operators: readiness that reflects its real stores, Prometheus
 * metrics, an OpenAPI document, and problem+json for unknown paths. A service's
 * {@code @QuarkusTest} extends this and names the readiness checks of its own stores.
 */
public abstract class OperationsEndpointsContract {

  /** The names of the readiness checks this service's stores must report as UP. */
  protected abstract String[] storeChecks();

  /** The service name, as in {@code quarkus.application.name}. */
  protected abstract String serviceName();

  @Test
  void readinessReportsEveryStoreUp() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.findAll { it.status == 'UP' }.name", hasItems(storeChecks()));
  }

  @Test
  void metricsAreServedForPrometheus() {
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void openApiDocumentNamesTheService() {
    given()
        .accept(ContentType.JSON)
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("info.title", containsString(serviceName()));
  }

  @Test
  void unknownPathsAnswerProblemJsonAndNameTheService() {
    given()
        .header("X-Request-Id", "contract-check-1")
        .when()
        .get("/api/v1/no-such-thing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .header("X-Request-Id", "contract-check-1")
        .header("X-Fourfold-Service", serviceName())
        .body("status", equalTo(404))
        .body("instance", equalTo("/api/v1/no-such-thing"));
  }
}
