package io.fourfold.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Billing's events reach the gateway's rate limits: a subscription to a bigger plan, made through
 * the gateway, raises the caller's limit within a second; cancelling it brings the default back.
 */
class PlanLimitTest {

  private static final Duration WITHIN = Duration.ofSeconds(1);

  @Test
  void subscribingToProRaisesTheLimitAndCancellingRestoresTheDefault() throws InterruptedException {
    Accounts.SignedIn user = Accounts.signUp();
    String before = limit(user);

    HttpResponse<String> subscribed =
        Gateway.sendJson(
            "PUT",
            "/api/v1/accounts/" + user.id() + "/subscription",
            "{\"planId\":\"pro\"}",
            "Authorization",
            user.bearer());
    assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);

    assertThat(limitWithin(user, "6000")).as("limit after subscribing to pro").isEqualTo("6000");

    HttpResponse<String> cancelled =
        Gateway.send(
            "DELETE",
            "/api/v1/accounts/" + user.id() + "/subscription",
            "Authorization",
            user.bearer());
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(204);

    assertThat(limitWithin(user, before)).as("limit after cancelling").isEqualTo(before);
  }

  /** The limit the gateway reports once it shows {@code expected}, or the last one after 1 s. */
  private static String limitWithin(Accounts.SignedIn user, String expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    String limit = limit(user);
    while (!limit.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      limit = limit(user);
    }
    return limit;
  }

  private static String limit(Accounts.SignedIn user) {
    HttpResponse<String> answer =
        Gateway.send("GET", "/api/v1/accounts/" + user.id(), "Authorization", user.bearer());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer.headers().firstValue("RateLimit-Limit").orElseThrow();
  }
}
