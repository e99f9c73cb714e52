package io.fourfold.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Accounts and sessions of the running suite, made through the gateway as a client would. */
final class Accounts {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SIGN_IN_DEADLINE = Duration.ofSeconds(15);

  private Accounts() {}

  /** A signed-in account: its id, email, password and bearer token. */
  record SignedIn(String id, String email, String password, String token) {
    String bearer() {
      return "Bearer " + token;
    }
  }

  /** Registers a new account and signs it in. */
  static SignedIn signUp() {
    String email = "stack-" + UUID.randomUUID() + "@example.com";
    String password = "stack test password";
    HttpResponse<String> created =
        Gateway.sendJson(
            "POST",
            "/api/v1/accounts",
            "{\"email\":\""
                + email
                + "\",\"displayName\":\"Stack Test\",\"password\":\""
                + password
                + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return signIn(email, password);
  }

  /** The suite's first admin, made by the launcher (FOURFOLD_ADMIN_EMAIL / _PASSWORD). */
  static SignedIn admin() {
    String email = System.getenv("FOURFOLD_ADMIN_EMAIL");
    String password = System.getenv("FOURFOLD_ADMIN_PASSWORD");
    assertThat(email).as("FOURFOLD_ADMIN_EMAIL (./fourfold test sets it)").isNotBlank();
    return signIn(email, password);
  }

  /**
   * Signs in, retrying while the account is not yet in account-service's read model (sign-in checks
   * credentials there, a few milliseconds after registration).
   */
  static SignedIn signIn(String email, String password) {
    long deadline = System.nanoTime() + SIGN_IN_DEADLINE.toNanos();
    HttpResponse<String> response;
    do {
      response =
          Gateway.sendJson(
              "POST",
              "/api/v1/sessions",
              "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
      if (response.statusCode() == 201) {
        JsonNode session = json(response.body());
        return new SignedIn(
            session.path("accountId").asText(), email, password, session.path("token").asText());
      }
      pause();
    } while (System.nanoTime() < deadline);
    throw new AssertionError("could not sign in as " + email + ": " + response.body());
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
