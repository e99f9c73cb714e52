package io.fourfold.session.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fourfold.session.config.RateLimitConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Public endpoints are limited per client address: past the limit in a window, 429 with Retry-After
 * and the RateLimit headers, for that address only.
 */
@QuarkusTest
class PublicAddressLimitTest {

  @Inject RateLimitConfig limits;

  @Test
  void anAddressOverThePublicLimitGets429WithRetryAfter() {
    String address = randomAddress();
    int limit = limits.publicPerMinute();
    awaitRoomInTheWindow();
    double rejectedBefore = addressRejections();

    for (int i = 1; i <= limit; i++) {
      Response answer = signInAttemptFrom(address, null);
      assertThat(answer.statusCode()).as("request %d of %d", i, limit).isEqualTo(200);
      assertThat(answer.header("RateLimit-Limit")).isEqualTo(String.valueOf(limit));
      assertThat(answer.header("RateLimit-Remaining")).isEqualTo(String.valueOf(limit - i));
    }
    Response over = signInAttemptFrom(address, null);

    assertThat(over.statusCode()).isEqualTo(429);
    assertThat(over.contentType()).startsWith("application/problem+json");
    assertThat(over.header("RateLimit-Limit")).isEqualTo(String.valueOf(limit));
    assertThat(over.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(Long.parseLong(over.header("RateLimit-Reset"))).isBetween(0L, 60L);
    // nginx relays only 401 and 403 from an auth request: it is told 403 and answers 429 itself.
    assertThat(signInAttemptFrom(address, "nginx").statusCode()).isEqualTo(403);
    assertThat(signInAttemptFrom(randomAddress(), null).statusCode()).isEqualTo(200);
    // Operators see refusals in the metrics: both refused requests counted, the admitted ones not.
    assertThat(addressRejections() - rejectedBefore).isEqualTo(2.0);
  }

  private static double addressRejections() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(line -> line.startsWith("fourfold_rate_limit_rejections_total{limit=\"address\""))
        // "name{labels} value", possibly followed by an exemplar: the value is the second field.
        .mapToDouble(line -> Double.parseDouble(line.split(" ")[1]))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no address rejection counter in /q/metrics"));
  }

  @Test
  void aProtectedEndpointWithoutATokenIsNotCountedAsPublic() {
    Response answer =
        given()
            .header("X-Original-Method", "GET")
            .header("X-Original-URI", "/api/v1/flags")
            .header("X-Real-IP", randomAddress())
            .get("/internal/auth");

    assertThat(answer.statusCode()).isEqualTo(401);
  }

  /** Waits until the current window has at least 15 s left, so the whole run counts in one. */
  private void awaitRoomInTheWindow() {
    await()
        .atMost(Duration.ofSeconds(limits.window().toSeconds() + 5))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                Long.parseLong(signInAttemptFrom(randomAddress(), null).header("RateLimit-Reset"))
                    >= 15);
  }

  private static Response signInAttemptFrom(String address, String askingGateway) {
    var request =
        given()
            .header("X-Original-Method", "POST")
            .header("X-Original-URI", "/api/v1/sessions")
            .header("X-Real-IP", address);
    if (askingGateway != null) {
      request.header("X-Auth-Request", askingGateway);
    }
    return request.get("/internal/auth");
  }

  private static String randomAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }
}
