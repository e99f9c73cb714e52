package io.fourfold.session.flag;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.fourfold.eventing.http.Caller;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The flag endpoints against the real stores: an admin's PUT goes through the event store, Kafka
 * and the projection into Redis; every caller reads the flags evaluated for them.
 */
@QuarkusTest
class FlagApiTest {

  private static final Duration PROJECTED = Duration.ofSeconds(20);

  private final String admin = UUID.randomUUID().toString();
  private final String ada = UUID.randomUUID().toString();
  private final String bob = UUID.randomUUID().toString();

  @Test
  void anAdminsFlagIsEvaluatedForEachCaller() {
    String key = newKey();

    put(key, "{\"enabled\":false,\"rolloutPercent\":0,\"allowAccounts\":[\"" + ada + "\"]}")
        .statusCode(200)
        .header("X-Consistency-Token", notNullValue())
        .body("key", equalTo(key))
        .body("enabled", is(false))
        .body("allowAccounts", containsInAnyOrder(ada))
        .body("denyAccounts", org.hamcrest.Matchers.empty())
        .body("version", is(0));

    await().atMost(PROJECTED).untilAsserted(() -> flagOf(ada, key).body(path(key), is(true)));
    flagOf(bob, key).body(path(key), is(false));
  }

  @Test
  void aChangedRuleReplacesTheOldOneAndTheDenyListWins() {
    String key = newKey();
    put(key, "{\"enabled\":true,\"rolloutPercent\":0}").statusCode(200);

    put(
            key,
            "{\"enabled\":true,\"rolloutPercent\":100,\"allowAccounts\":[\""
                + bob
                + "\"],\"denyAccounts\":[\""
                + bob
                + "\"]}")
        .statusCode(200)
        .body("version", is(1));

    await().atMost(PROJECTED).untilAsserted(() -> flagOf(ada, key).body(path(key), is(true)));
    flagOf(bob, key).body(path(key), is(false));
  }

  @Test
  void theSameRuleTwiceKeepsTheFlagsVersion() {
    String key = newKey();
    String rule = "{\"enabled\":true,\"rolloutPercent\":40}";

    put(key, rule).statusCode(200).body("version", is(0));
    put(key, rule).statusCode(200).body("version", is(0));
  }

  @Test
  void anAdminsAnswerWaitsUntilTheFlagIsServed() {
    String key = newKey();

    put(key, "{\"enabled\":true,\"rolloutPercent\":100}")
        .statusCode(200)
        .header("X-Consistency", "fresh");

    flagOf(ada, key).body(path(key), is(true));
  }

  @Test
  void aReadSentWithThePutsTokenWaitsForTheFlagAndSaysFresh() {
    String key = newKey();
    String token =
        put(key, "{\"enabled\":true,\"rolloutPercent\":100}")
            .statusCode(200)
            .extract()
            .header("X-Consistency-Token");

    given()
        .header(Caller.ACCOUNT_ID, bob)
        .header("X-Consistent-With", token)
        .get("/api/v1/flags")
        .then()
        .statusCode(200)
        .header("X-Consistency", "fresh")
        .body(path(key), is(true));
  }

  @Test
  void invalidRulesAre400WithTheOffendingFields() {
    String key = newKey();

    put(key, "{\"enabled\":true,\"rolloutPercent\":101}")
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("errors.field", hasItem("rolloutPercent"));
    put(key, "{\"enabled\":true,\"rolloutPercent\":-1}")
        .statusCode(400)
        .body("errors.field", hasItem("rolloutPercent"));
    put(key, "{\"rolloutPercent\":10}").statusCode(400).body("errors.field", hasItem("enabled"));
    put(key, "{\"enabled\":true,\"rolloutPercent\":10,\"allowAccounts\":[\"admin\"]}")
        .statusCode(400)
        .body("errors.field", hasItem("allowAccounts[0]"));
    put(key, "{\"enabled\":true,\"rolloutPercent\":10,\"denyAccounts\":[\"" + ada + "\", null]}")
        .statusCode(400)
        .body("errors.field", hasItem("denyAccounts[1]"));
    put("Not_A_Key", "{\"enabled\":true,\"rolloutPercent\":10}")
        .statusCode(400)
        .body("errors.field", hasItem("key"));
    put("k" + "x".repeat(64), "{\"enabled\":true,\"rolloutPercent\":10}").statusCode(400);
    put(key, "{\"enabled\":\"maybe\",\"rolloutPercent\":10}")
        .statusCode(400)
        .contentType(startsWith("application/problem+json"));
    put(key, "not json").statusCode(400).contentType(startsWith("application/problem+json"));
  }

  @Test
  void onlyAnAdminMaySetAFlag() {
    given()
        .header(Caller.ACCOUNT_ID, ada)
        .header(Caller.ROLE, "user")
        .contentType(ContentType.JSON)
        .body("{\"enabled\":true,\"rolloutPercent\":100}")
        .put("/api/v1/admin/flags/" + newKey())
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"enabled\":true,\"rolloutPercent\":100}")
        .put("/api/v1/admin/flags/" + newKey())
        .then()
        .statusCode(401);
  }

  @Test
  void readingFlagsNeedsACaller() {
    given()
        .get("/api/v1/flags")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"));
  }

  private ValidatableResponse put(String key, String body) {
    return given()
        .header(Caller.ACCOUNT_ID, admin)
        .header(Caller.ROLE, "admin")
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/v1/admin/flags/" + key)
        .then();
  }

  private static ValidatableResponse flagOf(String account, String key) {
    return given()
        .header(Caller.ACCOUNT_ID, account)
        .header(Caller.ROLE, "user")
        .get("/api/v1/flags")
        .then()
        .statusCode(200);
  }

  private static String path(String key) {
    return "flags['" + key + "']";
  }

  private static String newKey() {
    return "test-" + UUID.randomUUID().toString().substring(0, 13);
  }
}
