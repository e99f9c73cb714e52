package io.fourfold.blob.exports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The exports projection is reported with every other projection of the suite. */
@QuarkusTest
class ExportProjectionReportTest {

  @Test
  void theExportsProjectionIsReportedAsAnS3Projection() {
    given()
        .get("/internal/projections")
        .then()
        .statusCode(200)
        .body("find { it.name == 'exports' }.store", org.hamcrest.Matchers.equalTo("s3"))
        .body("service", hasItem("blob-service"));
  }
}
