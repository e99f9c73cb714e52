package io.fourfold.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gateway sends each public path prefix of API.md to its service and hides the rest. */
class GatewayRoutingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Accounts.SignedIn signedIn;

  @BeforeAll
  static void signIn() {
    signedIn = Accounts.signUp();
  }

  @ParameterizedTest(name = "{0} {1} reaches {2}")
  @CsvSource({
    "POST, /api/v1/accounts,                      account-service",
    "GET,  /api/v1/accounts/a-1,                  account-service",
    "PUT,  /api/v1/accounts/a-1/password,         account-service",
    "POST, /api/v1/accounts/a-1/suspend,          account-service",
    "PUT,  /api/v1/accounts/a-1/subscription,     billing-service",
    "POST, /api/v1/accounts/a-1/invoices,         billing-service",
    "GET,  /api/v1/plans,                         billing-service",
    "POST, /api/v1/invoices/i-1/payments,         billing-service",
    "POST, /api/v1/sessions,                      session-service",
    "GET,  /api/v1/flags,                         session-service",
    "PUT,  /api/v1/admin/flags/dark-mode,         session-service",
    "GET,  /api/v1/search/accounts,               search-projector",
    "POST, /api/v1/blobs,                         blob-service",
    "GET,  /api/v1/blobs/b-1,                     blob-service",
    "POST, /api/v1/accounts/a-1/exports,          blob-service",
    "GET,  /api/v1/exports/e-1,                   blob-service",
  })
  void eachPrefixReachesItsService(String method, String path, String service) {
    HttpResponse<String> response = Gateway.send(method, path, "Authorization", signedIn.bearer());

    assertThat(response.statusCode()).as("status of %s %s", method, path).isLessThan(500);
    assertThat(response.headers().firstValue("X-Fourfold-Service")).hasValue(service);
  }

  @ParameterizedTest(name = "/api/v1/openapi/{0} is {1}''s document")
  @CsvSource({
    "account, account-service",
    "billing, billing-service",
    "session, session-service",
    "search,  search-projector",
    "blob,    blob-service",
  })
  void eachServicePublishesItsOpenApiDocument(String name, String service) throws Exception {
    HttpResponse<String> response =
        Gateway.send("GET", "/api/v1/openapi/" + name, "Accept", "application/json");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode document = JSON.readTree(response.body());
    assertThat(document.path("info").path("title").asText()).contains(service);
  }

  @ParameterizedTest(name = "{0} is not reachable")
  @CsvSource({"/internal/auth", "/internal/", "/%69nternal/auth", "/api/v1/../internal/auth"})
  void internalEndpointsAreNeverProxied(String path) {
    HttpResponse<String> response = Gateway.send("GET", path);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("X-Fourfold-Service")).isEmpty();
  }

  @Test
  void unknownPathsAnswerProblemJson() throws Exception {
    HttpResponse<String> response = Gateway.send("GET", "/no/such/path");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(404);
  }

  @Test
  void signingOutReachesTheSessionService() {
    Accounts.SignedIn own = Accounts.signUp();

    HttpResponse<String> response =
        Gateway.send("DELETE", "/api/v1/sessions/current", "Authorization", own.bearer());

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("X-Fourfold-Service")).hasValue("session-service");
  }

  @Test
  void aWrongRouteIsTheGatewaysOwn404NotAServiceError() {
    HttpResponse<String> response =
        Gateway.send("GET", "/api/v2/accounts", "Authorization", signedIn.bearer());

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void theClientsRequestIdComesBackThroughTheGateway() {
    HttpResponse<String> response =
        Gateway.send("GET", "/api/v1/plans", "X-Request-Id", "stack-test-request-1");

    assertThat(response.headers().allValues("X-Request-Id"))
        .containsExactly("stack-test-request-1");
  }

  @Test
  void aRequestWithoutAnIdGetsOne() {
    HttpResponse<String> response = Gateway.send("GET", "/api/v1/plans");

    assertThat(response.headers().allValues("X-Request-Id")).hasSize(1);
    assertThat(response.headers().firstValue("X-Request-Id").orElseThrow()).isNotBlank();
  }
}
