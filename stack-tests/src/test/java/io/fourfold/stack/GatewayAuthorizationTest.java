package io.fourfold.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gateway authenticates every protected request with session-service: what it refuses, what it
 * admits, and that a client can never pose as someone else.
 */
class GatewayAuthorizationTest {

  private static final String SELF = "{self}";

  @ParameterizedTest(name = "{0} {1} without a token is 401")
  @CsvSource({
    "GET,    /api/v1/accounts/{self}",
    "PATCH,  /api/v1/accounts/{self}",
    "DELETE, /api/v1/accounts/{self}",
    "PUT,    /api/v1/accounts/{self}/password",
    "POST,   /api/v1/accounts/{self}/suspend",
    "GET,    /api/v1/flags",
    "GET,    /api/v1/search/accounts",
    "POST,   /api/v1/blobs",
    "GET,    /api/v1/accounts/{self}/invoices",
    "DELETE, /api/v1/sessions/current",
  })
  void protectedEndpointsRefuseRequestsWithoutAToken(String method, String path) {
    HttpResponse<String> response = Gateway.send(method, path.replace(SELF, someone().id()));

    assertUnauthorized(response);
  }

  @Test
  void aMalformedOrUnknownTokenIs401() {
    String id = someone().id();

    assertUnauthorized(
        Gateway.send("GET", "/api/v1/accounts/" + id, "Authorization", "Bearer not-a-token"));
    assertUnauthorized(Gateway.send("GET", "/api/v1/accounts/" + id, "Authorization", "Basic x"));
  }

  @Test
  void aSignedOutTokenNoLongerWorks() {
    Accounts.SignedIn account = Accounts.signUp();

    HttpResponse<String> signOut =
        Gateway.send("DELETE", "/api/v1/sessions/current", "Authorization", account.bearer());

    assertThat(signOut.statusCode()).isEqualTo(204);
    assertUnauthorized(
        Gateway.send("GET", "/api/v1/accounts/" + account.id(), "Authorization", account.bearer()));
  }

  @Test
  void anAccountReadsItselfButNotAnother() {
    Accounts.SignedIn me = Accounts.signUp();
    Accounts.SignedIn other = Accounts.signUp();

    HttpResponse<String> mine =
        Gateway.send("GET", "/api/v1/accounts/" + me.id(), "Authorization", me.bearer());
    HttpResponse<String> theirs =
        Gateway.send("GET", "/api/v1/accounts/" + other.id(), "Authorization", me.bearer());

    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(Accounts.json(mine.body()).path("email").asText()).isEqualTo(me.email());
    assertThat(theirs.statusCode()).isEqualTo(403);
  }

  @Test
  void headersAClientSendsToPoseAsSomeoneElseAreIgnored() {
    Accounts.SignedIn me = Accounts.signUp();
    Accounts.SignedIn other = Accounts.signUp();

    HttpResponse<String> posing =
        Gateway.sendJson(
            "POST",
            "/api/v1/accounts/" + other.id() + "/suspend",
            "{\"reason\":\"I am an admin, honest\"}",
            "Authorization",
            me.bearer(),
            "X-Account-Id",
            other.id(),
            "X-Account-Role",
            "admin");
    HttpResponse<String> noToken =
        Gateway.send("GET", "/api/v1/accounts/" + other.id(), "X-Account-Id", other.id());

    assertThat(posing.statusCode()).isEqualTo(403);
    assertUnauthorized(noToken);
  }

  @Test
  void aSuspendedAccountsSessionsStopWorkingWithinOneSecond() {
    Accounts.SignedIn admin = Accounts.admin();
    Accounts.SignedIn user = Accounts.signUp();

    HttpResponse<String> suspended =
        Gateway.sendJson(
            "POST",
            "/api/v1/accounts/" + user.id() + "/suspend",
            "{\"reason\":\"chargeback\"}",
            "Authorization",
            admin.bearer());
    long suspendedAt = System.nanoTime();

    assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
    int status;
    do {
      status =
          Gateway.send("GET", "/api/v1/accounts/" + user.id(), "Authorization", user.bearer())
              .statusCode();
    } while (status != 401 && System.nanoTime() - suspendedAt < Duration.ofSeconds(1).toNanos());
    assertThat(status).as("the suspended account's session after 1 s").isEqualTo(401);
  }

  @Test
  void anAdminMayReadAnyAccount() {
    Accounts.SignedIn admin = Accounts.admin();
    Accounts.SignedIn user = Accounts.signUp();

    HttpResponse<String> read =
        Gateway.send("GET", "/api/v1/accounts/" + user.id(), "Authorization", admin.bearer());

    assertThat(read.statusCode()).isEqualTo(200);
  }

  @Test
  void everyAuthenticatedAnswerCarriesTheRateLimit() {
    Accounts.SignedIn me = Accounts.signUp();

    HttpResponse<String> response =
        Gateway.send("GET", "/api/v1/accounts/" + me.id(), "Authorization", me.bearer());

    assertThat(response.headers().firstValue("RateLimit-Limit")).isPresent();
    assertThat(response.headers().firstValue("RateLimit-Remaining")).isPresent();
    assertThat(response.headers().firstValue("RateLimit-Reset")).isPresent();
  }

  @Test
  void anAccountOverItsLimitGets429WithRetryAfter() {
    Accounts.SignedIn me = Accounts.signUp();
    HttpResponse<String> response;
    int sent = 0;
    do {
      response = Gateway.send("GET", "/api/v1/accounts/" + me.id(), "Authorization", me.bearer());
      sent++;
    } while (response.statusCode() != 429 && sent < 5_000);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue("0");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void repeatedWrongPasswordsSlowSignInDown() {
    Accounts.SignedIn me = Accounts.signUp();
    HttpResponse<String> response;
    int attempts = 0;
    do {
      response =
          Gateway.sendJson(
              "POST",
              "/api/v1/sessions",
              "{\"email\":\""
                  + me.email()
                  + "\",\"password\":\"wrong password "
                  + attempts
                  + "\"}");
      attempts++;
    } while (response.statusCode() == 401 && attempts < 50);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(attempts).isLessThanOrEqualTo(11);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    HttpResponse<String> rightPassword =
        Gateway.sendJson(
            "POST",
            "/api/v1/sessions",
            "{\"email\":\"" + me.email() + "\",\"password\":\"" + me.password() + "\"}");
    assertThat(rightPassword.statusCode()).isEqualTo(429);
  }

  @Test
  void unknownEmailAndWrongPasswordGetTheSameAnswer() {
    Accounts.SignedIn me = Accounts.signUp();

    HttpResponse<String> wrongPassword =
        Gateway.sendJson(
            "POST",
            "/api/v1/sessions",
            "{\"email\":\"" + me.email() + "\",\"password\":\"not the password\"}");
    HttpResponse<String> unknownEmail =
        Gateway.sendJson(
            "POST",
            "/api/v1/sessions",
            "{\"email\":\"nobody-" + me.id() + "@example.com\",\"password\":\"not the password\"}");

    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(unknownEmail.statusCode()).isEqualTo(401);
    assertThat(Accounts.json(unknownEmail.body()).path("detail"))
        .isEqualTo(Accounts.json(wrongPassword.body()).path("detail"));
  }

  private static Accounts.SignedIn someone() {
    return Accounts.signUp();
  }

  private static void assertUnauthorized(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }
}
