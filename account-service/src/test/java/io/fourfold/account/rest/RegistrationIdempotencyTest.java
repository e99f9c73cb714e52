package io.fourfold.account.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A registration retried with the same Idempotency-Key creates one account and one answer. */
@QuarkusTest
class RegistrationIdempotencyTest {

  @Test
  void aRepeatWithTheSameKeyAndBodyGetsTheFirstAnswer() {
    String key = UUID.randomUUID().toString();
    String body = registration(UUID.randomUUID() + "@example.com");

    Response first = register(key, body);
    Response repeat = register(key, body);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(repeat.statusCode()).isEqualTo(201);
    assertThat(repeat.body().asString()).isEqualTo(first.body().asString());
    assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
    assertThat(repeat.header("X-Consistency-Token")).isEqualTo(first.header("X-Consistency-Token"));
  }

  @Test
  void aRepeatWithTheSameKeyAndAnotherBodyIs422() {
    String key = UUID.randomUUID().toString();
    register(key, registration(UUID.randomUUID() + "@example.com"));

    Response other = register(key, registration(UUID.randomUUID() + "@example.com"));

    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(other.contentType()).startsWith("application/problem+json");
  }

  @Test
  void concurrentRepeatsCreateExactlyOneAccount() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = registration(UUID.randomUUID() + "@example.com");
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        answers.add(clients.submit(() -> register(key, body)));
      }
      List<String> ids = new ArrayList<>();
      for (Future<Response> answer : answers) {
        Response response = answer.get();
        assertThat(response.statusCode()).isEqualTo(201);
        ids.add(response.jsonPath().getString("id"));
      }
      assertThat(ids).hasSize(16).containsOnly(ids.get(0));
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void withoutAKeyEveryRequestRunsItsOwnWay() {
    String email = UUID.randomUUID() + "@example.com";

    assertThat(register(null, registration(email)).statusCode()).isEqualTo(201);
    assertThat(register(null, registration(email)).statusCode()).isEqualTo(409);
  }

  private static Response register(String key, String body) {
    var request = given().contentType("application/json").body(body);
    if (key != null) {
      request = request.header("Idempotency-Key", key);
    }
    return request.when().post("/api/v1/accounts").andReturn();
  }

  private static String registration(String email) {
    return "{\"email\":\""
        + email
        + "\",\"displayName\":\"Idem Potent\",\"password\":\"idempotent password\"}";
  }
}
