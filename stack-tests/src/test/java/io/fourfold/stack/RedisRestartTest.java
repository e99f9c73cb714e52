package io.fourfold.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What users get when the suite's Redis goes away and comes back: while it is down the gateway
 * answers 503 problem+json to anything that needs a session or a rate limit and admits nothing
 * unauthenticated; once it is back (durable, append-only file) existing sessions still work, rate
 * limits keep counting where they were and the projected flags are still there.
 *
 * <p>It stops the running local stack's Redis (./fourfold stop redis) for a few seconds.
 */
class RedisRestartTest {

  private static final URI SESSION_SERVICE =
      URI.create(System.getenv().getOrDefault("FOURFOLD_SESSION_URL", "http://127.0.0.1:8083"));
  private static final Duration BACK = Duration.ofSeconds(60);

  @Test
  void anOutageAdmitsNoOneAndARestartKeepsSessionsLimitsAndFlags() {
    assumeTrue(Launcher.script().isPresent(), "runs against the local stack's launcher only");
    Accounts.SignedIn admin = Accounts.admin();
    Accounts.SignedIn me = Accounts.signUp();
    Accounts.SignedIn busy = Accounts.signUp();
    String key = FlagsTest.newKey();
    HttpResponse<String> flagSet =
        Gateway.sendJson(
            "PUT",
            "/api/v1/admin/flags/" + key,
            "{\"enabled\":false,\"rolloutPercent\":0,\"allowAccounts\":[\"" + me.id() + "\"]}",
            "Authorization",
            admin.bearer());
    assertThat(flagSet.statusCode()).as(flagSet.body()).isEqualTo(200);
    HttpResponse<String> before = awaitRoomInTheWindow(me);
    long beforeAt = System.nanoTime();
    HttpResponse<String> limited = exhaustTheLimit(busy);

    try {
      Launcher.run("stop", "redis");

      assertThat(Launcher.readiness(SESSION_SERVICE))
          .as("session-service readiness")
          .isEqualTo(503);
      assertUnavailable(read(me));
      assertUnavailable(Gateway.send("GET", "/api/v1/flags", "Authorization", me.bearer()));
      assertUnavailable(read(busy));
      assertUnavailable(
          Gateway.sendJson(
              "POST",
              "/api/v1/sessions",
              "{\"email\":\"" + me.email() + "\",\"password\":\"" + me.password() + "\"}"));
      assertNotAdmitted(Gateway.send("GET", "/api/v1/accounts/" + me.id()));
      assertNotAdmitted(
          Gateway.send("GET", "/api/v1/accounts/" + me.id(), "X-Account-Id", me.id()));
      assertNotAdmitted(
          Gateway.send(
              "GET", "/api/v1/accounts/" + me.id(), "Authorization", "Bearer not-a-session"));
    } finally {
      Launcher.run("start", "redis");
    }
    Launcher.awaitReady(SESSION_SERVICE, BACK);

    HttpResponse<String> after = read(me);
    long elapsed = System.nanoTime() - beforeAt;
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    assertThat(header(after, "RateLimit-Limit")).isEqualTo(header(before, "RateLimit-Limit"));
    if (elapsed < Duration.ofSeconds(header(before, "RateLimit-Reset")).toNanos()) {
      // Same window: the counter went on from where it was, it did not start again.
      assertThat(header(after, "RateLimit-Remaining"))
          .isLessThan(header(before, "RateLimit-Remaining"));
      HttpResponse<String> stillLimited = read(busy);
      assertThat(stillLimited.statusCode()).isEqualTo(429);
      assertThat(stillLimited.headers().firstValue("Retry-After")).isPresent();
    }
    assertThat(limited.statusCode()).isEqualTo(429);
    HttpResponse<String> flags = Gateway.send("GET", "/api/v1/flags", "Authorization", me.bearer());
    assertThat(Accounts.json(flags.body()).path("flags").path(key).asBoolean())
        .as(flags.body())
        .isTrue();
  }

  private static HttpResponse<String> read(Accounts.SignedIn account) {
    return Gateway.send(
        "GET", "/api/v1/accounts/" + account.id(), "Authorization", account.bearer());
  }

  /** Reads until the current rate-limit window has at least 45 s left; answers that read. */
  private static HttpResponse<String> awaitRoomInTheWindow(Accounts.SignedIn account) {
    long deadline = System.nanoTime() + Duration.ofSeconds(70).toNanos();
    HttpResponse<String> response;
    do {
      response = read(account);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      if (header(response, "RateLimit-Reset") >= 45) {
        return response;
      }
      Launcher.pause(Duration.ofSeconds(1));
    } while (System.nanoTime() < deadline);
    throw new AssertionError("the rate-limit window never had 45 s left: " + response.headers());
  }

  private static HttpResponse<String> exhaustTheLimit(Accounts.SignedIn account) {
    HttpResponse<String> response;
    int sent = 0;
    do {
      response = read(account);
      sent++;
    } while (response.statusCode() == 200 && sent < 10_000);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
    return response;
  }

  private static long header(HttpResponse<String> response, String name) {
    return Long.parseLong(
        response
            .headers()
            .firstValue(name)
            .orElseThrow(() -> new AssertionError("no " + name + " in " + response.headers())));
  }

  private static void assertUnavailable(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  /** Refused: 401 (no session to check) or 503 (cannot check), never an answer from a service. */
  private static void assertNotAdmitted(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isIn(401, 503);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }
}
