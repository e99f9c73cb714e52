package io.fourfold.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Feature flags through the gateway: who may read and set them, and that each caller reads the
 * flags evaluated for them (the gateway's identity, never the client's headers).
 */
class FlagsTest {

  @Test
  void withoutATokenNeitherReadingNorSettingFlagsIsAllowed() {
    assertProblem(Gateway.send("GET", "/api/v1/flags"), 401);
    assertProblem(Gateway.sendJson("PUT", "/api/v1/admin/flags/" + newKey(), rule(true, 100)), 401);
  }

  @Test
  void aUserReadsFlagsButMayNotSetThem() {
    Accounts.SignedIn user = Accounts.signUp();

    HttpResponse<String> read =
        Gateway.send("GET", "/api/v1/flags", "Authorization", user.bearer());
    HttpResponse<String> set =
        Gateway.sendJson(
            "PUT",
            "/api/v1/admin/flags/" + newKey(),
            rule(true, 100),
            "Authorization",
            user.bearer());

    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(Accounts.json(read.body()).path("flags").isObject()).isTrue();
    assertProblem(set, 403);
  }

  @Test
  void aUserPosingAsAnAdminThroughHeadersIsStill403() {
    Accounts.SignedIn user = Accounts.signUp();

    HttpResponse<String> posing =
        Gateway.sendJson(
            "PUT",
            "/api/v1/admin/flags/" + newKey(),
            rule(true, 100),
            "Authorization",
            user.bearer(),
            "X-Account-Role",
            "admin",
            "X-Account-Id",
            UUID.randomUUID().toString());

    assertProblem(posing, 403);
  }

  @Test
  void anAdminSetsAFlagThatEachCallerSeesEvaluatedForThem() {
    Accounts.SignedIn admin = Accounts.admin();
    Accounts.SignedIn included = Accounts.signUp();
    Accounts.SignedIn other = Accounts.signUp();
    String key = newKey();

    HttpResponse<String> set =
        Gateway.sendJson(
            "PUT",
            "/api/v1/admin/flags/" + key,
            "{\"enabled\":false,\"rolloutPercent\":0,\"allowAccounts\":[\""
                + included.id()
                + "\"],\"denyAccounts\":[]}",
            "Authorization",
            admin.bearer());

    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(set.headers().firstValue("X-Consistency-Token")).isPresent();
    assertThat(flag(included, key)).isTrue();
    assertThat(flag(other, key)).isFalse();
    // A client's own X-Account-Id is overwritten by the gateway: it reads its own flags.
    HttpResponse<String> posing =
        Gateway.send(
            "GET", "/api/v1/flags", "Authorization", other.bearer(), "X-Account-Id", included.id());
    assertThat(Accounts.json(posing.body()).path("flags").path(key).asBoolean()).isFalse();
  }

  @Test
  void readingWithTheAdminsConsistencyTokenIsFreshWithoutWaitingOutTheTimeout() {
    Accounts.SignedIn admin = Accounts.admin();
    String key = newKey();
    HttpResponse<String> set =
        Gateway.sendJson(
            "PUT", "/api/v1/admin/flags/" + key, rule(true, 100), "Authorization", admin.bearer());
    String token = set.headers().firstValue("X-Consistency-Token").orElseThrow();

    long start = System.nanoTime();
    HttpResponse<String> read =
        Gateway.send(
            "GET", "/api/v1/flags", "Authorization", admin.bearer(), "X-Consistent-With", token);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(read.headers().firstValue("X-Consistency")).hasValue("fresh");
    assertThat(Accounts.json(read.body()).path("flags").path(key).asBoolean()).isTrue();
    // The gateway's auth check must not wait for a token its projection does not hold.
    assertThat(took).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void anAdminsInvalidRuleIs400ProblemJson() {
    Accounts.SignedIn admin = Accounts.admin();

    HttpResponse<String> tooMuch =
        Gateway.sendJson(
            "PUT",
            "/api/v1/admin/flags/" + newKey(),
            rule(true, 150),
            "Authorization",
            admin.bearer());
    HttpResponse<String> badKey =
        Gateway.sendJson(
            "PUT", "/api/v1/admin/flags/Bad_Key", rule(true, 10), "Authorization", admin.bearer());

    assertProblem(tooMuch, 400);
    assertThat(Accounts.json(tooMuch.body()).path("errors").toString()).contains("rolloutPercent");
    assertProblem(badKey, 400);
  }

  private static boolean flag(Accounts.SignedIn caller, String key) {
    HttpResponse<String> read =
        Gateway.send("GET", "/api/v1/flags", "Authorization", caller.bearer());
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(Accounts.json(read.body()).path("flags").path(key).isBoolean())
        .as("flag %s in %s", key, read.body())
        .isTrue();
    return Accounts.json(read.body()).path("flags").path(key).asBoolean();
  }

  static String rule(boolean enabled, int percent) {
    return "{\"enabled\":" + enabled + ",\"rolloutPercent\":" + percent + "}";
  }

  static String newKey() {
    return "stack-" + UUID.randomUUID().toString().substring(0, 13);
  }

  private static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }
}
