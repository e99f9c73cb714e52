package io.fourfold.account.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The operator console's files ship in account-service (docs/console.md); the gateway serves them
 * at {@code /console/}, and ConsoleBrowserTest drives them in a browser.
 */
@QuarkusTest
class ConsoleFilesTest {

  @Test
  void theConsolePageItsScriptAndItsStylesAreServedWithTheirTypes() {
    given()
        .get("/console/")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .body(containsString("Fourfold operator console"));
    given()
        .get("/console/console.js")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/javascript"));
    given().get("/console/console.css").then().statusCode(200).contentType(startsWith("text/css"));
  }
}
