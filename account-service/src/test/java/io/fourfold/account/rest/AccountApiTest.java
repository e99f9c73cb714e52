package io.fourfold.account.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.fourfold.schema.consistency.ConsistencyToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The account endpoints against the real event store, Kafka and read model. Requests come as an
 * admin the gateway authenticated (who may do everything); {@link AccountAuthorizationTest} covers
 * who may do what.
 */
@QuarkusTest
class AccountApiTest {

  @BeforeEach
  void actAsAnAdmin() {
    RestAssured.requestSpecification =
        new RequestSpecBuilder()
            .addHeader("X-Account-Id", "00000000-0000-0000-0000-00000000a0a0")
            .addHeader("X-Account-Role", "admin")
            .build();
  }

  @AfterEach
  void forgetTheCaller() {
    RestAssured.requestSpecification = null;
  }

  private static final String ACCOUNTS = "/api/v1/accounts";
  private static final String PROBLEM = "application/problem+json";
  private static final String PASSWORD = "correct horse battery";
  private static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);

  // --- Registration

  @Test
  void registrationAnswersCreatedWithLocationEtagTokenAndTheAccount() {
    String email = uniqueEmail();
    ExtractableResponse<Response> created =
        json()
            .body(Map.of("email", email, "displayName", "Ada", "password", PASSWORD))
            .post(ACCOUNTS)
            .then()
            .statusCode(201)
            .header("ETag", "\"0\"")
            .header("X-Consistency-Token", notNullValue())
            .body("email", equalTo(email))
            .body("displayName", equalTo("Ada"))
            .body("status", equalTo("active"))
            .body("plan", equalTo("free"))
            .body("version", equalTo(0))
            .body("createdAt", notNullValue())
            .body("$", not(hasKey("passwordHash")))
            .extract();
    String id = created.path("id");
    assertThat(id).isNotBlank();
    assertThat(created.header("Location")).endsWith(ACCOUNTS + "/" + id);
    assertThat(ConsistencyToken.decode(created.header("X-Consistency-Token")))
        .isEqualTo(new ConsistencyToken(id, 0));

    ExtractableResponse<Response> read = readFresh(id, created.header("X-Consistency-Token"));
    assertThat(read.header("ETag")).isEqualTo("\"0\"");
    for (String field : List.of("id", "email", "displayName", "status", "plan", "version")) {
      assertThat(read.<Object>path(field)).as(field).isEqualTo(created.<Object>path(field));
    }
  }

  @Test
  void registrationAnswersTheCreatedAtThatReadsShow() {
    ExtractableResponse<Response> created =
        json()
            .body(Map.of("email", uniqueEmail(), "displayName", "Ada", "password", PASSWORD))
            .post(ACCOUNTS)
            .then()
            .statusCode(201)
            .extract();

    ExtractableResponse<Response> read =
        readFresh(created.path("id"), created.header("X-Consistency-Token"));

    assertThat(read.<String>path("createdAt")).isEqualTo(created.<String>path("createdAt"));
  }

  @Test
  void registeringATakenEmailIsAConflict() {
    String email = uniqueEmail();
    register(email, "First");

    json()
        .body(Map.of("email", email, "displayName", "Second", "password", PASSWORD))
        .post(ACCOUNTS)
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("status", equalTo(409));
  }

  @Test
  void emailClaimsIgnoreCaseAndSurroundingSpace() {
    String email = uniqueEmail();
    register(email, "First");

    json()
        .body(Map.of("email", email.toUpperCase(), "displayName", "Second", "password", PASSWORD))
        .post(ACCOUNTS)
        .then()
        .statusCode(409)
        .contentType(PROBLEM);
  }

  // --- Read your writes

  @Test
  void readWithTheTokenOfACommandSeesThatCommand() {
    String id = register(uniqueEmail(), "Before").path("id");
    String token =
        json()
            .body(Map.of("displayName", "After"))
            .patch(ACCOUNTS + "/" + id)
            .then()
            .statusCode(200)
            .extract()
            .header("X-Consistency-Token");

    given()
        .header("X-Consistent-With", token)
        .get(ACCOUNTS + "/" + id)
        .then()
        .statusCode(200)
        .header("X-Consistency", "fresh")
        .header("ETag", "\"1\"")
        .body("displayName", equalTo("After"))
        .body("version", equalTo(1));
  }

  @Test
  void readWithATokenForASequenceNeverWrittenAnswersStaleOnceItsTimeoutRunsOut() {
    String id = register(uniqueEmail(), "Ada").path("id");
    String never = new ConsistencyToken(id, 99).encode();

    long started = System.nanoTime();
    given()
        .header("X-Consistent-With", never)
        .header("X-Consistency-Timeout-Ms", "200")
        .get(ACCOUNTS + "/" + id)
        .then()
        .statusCode(200)
        .header("X-Consistency", "stale")
        .body("version", equalTo(0));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(200))
        .isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void readWithoutATokenSaysNothingAboutConsistency() {
    String id = register(uniqueEmail(), "Ada").path("id");

    given().get(ACCOUNTS + "/" + id).then().statusCode(200).header("X-Consistency", (String) null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-token", "djE6eDp4", "djE6LTE6YWJj", "@@@"})
  void malformedConsistencyTokenIsABadRequest(String token) {
    // djE6eDp4 is "v1:x:x" (no number), djE6LTE6YWJj is "v1:-1:abc" (negative sequence).
    String id = register(uniqueEmail(), "Ada").path("id");

    given()
        .header("X-Consistent-With", token)
        .get(ACCOUNTS + "/" + id)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("status", equalTo(400))
        .body("errors.field", hasItem("X-Consistent-With"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "1.5", "-1"})
  void consistencyTimeoutThatIsNotAWholeNumberOfMillisecondsIsABadRequest(String timeout) {
    ExtractableResponse<Response> created = register(uniqueEmail(), "Ada");

    given()
        .header("X-Consistent-With", created.header("X-Consistency-Token"))
        .header("X-Consistency-Timeout-Ms", timeout)
        .get(ACCOUNTS + "/" + created.path("id"))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("X-Consistency-Timeout-Ms"));
  }

  // --- Optimistic concurrency

  @Test
  void patchWithAStaleIfMatchIsAPreconditionFailure() {
    String id = register(uniqueEmail(), "Ada").path("id");
    json().body(Map.of("displayName", "Ada 2")).patch(ACCOUNTS + "/" + id).then().statusCode(200);

    json()
        .header("If-Match", "\"0\"")
        .body(Map.of("displayName", "Lost update"))
        .patch(ACCOUNTS + "/" + id)
        .then()
        .statusCode(412)
        .contentType(PROBLEM)
        .body("status", equalTo(412));

    given()
        .get(ACCOUNTS + "/" + id)
        .then()
        .statusCode(200)
        .body("displayName", equalTo("Ada 2"))
        .body("version", equalTo(1));
  }

  @Test
  void patchWithAnIfMatchAheadOfTheAccountIsAPreconditionFailure() {
    String id = register(uniqueEmail(), "Ada").path("id");

    json()
        .header("If-Match", "\"7\"")
        .body(Map.of("displayName", "From the future"))
        .patch(ACCOUNTS + "/" + id)
        .then()
        .statusCode(412)
        .contentType(PROBLEM);
  }

  @Test
  void patchWithTheCurrentIfMatchAnswersTheAccountAndAdvancesTheEtag() {
    String email = uniqueEmail();
    String id = register(email, "Ada").path("id");

    json()
        .header("If-Match", "\"0\"")
        .body(Map.of("displayName", "Ada Lovelace"))
        .patch(ACCOUNTS + "/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .header("X-Consistency", "fresh")
        .body("displayName", equalTo("Ada Lovelace"))
        .body("email", equalTo(email))
        .body("version", equalTo(1));

    String newEmail = uniqueEmail();
    json()
        .header("If-Match", "W/\"1\"")
        .body(Map.of("displayName", "A. Lovelace", "email", newEmail))
        .patch(ACCOUNTS + "/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"3\"")
        .body("displayName", equalTo("A. Lovelace"))
        .body("email", equalTo(newEmail))
        .body("version", equalTo(3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "\"x1\"", "-1", "\"99999999999999999999\""})
  void malformedIfMatchIsABadRequest(String ifMatch) {
    String id = register(uniqueEmail(), "Ada").path("id");

    json()
        .header("If-Match", ifMatch)
        .body(Map.of("displayName", "Whatever"))
        .patch(ACCOUNTS + "/" + id)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("If-Match"));
  }

  @Test
  void patchNamingNoFieldIsABadRequest() {
    String id = register(uniqueEmail(), "Ada").path("id");

    json().body("{}").patch(ACCOUNTS + "/" + id).then().statusCode(400).contentType(PROBLEM);
  }

  // --- Emails

  @Test
  void changingTheEmailToATakenOneIsAConflictAndChangesNothing() {
    String taken = uniqueEmail();
    register(taken, "Holder");
    String own = uniqueEmail();
    String id = register(own, "Ada").path("id");

    json()
        .body(Map.of("email", taken))
        .patch(ACCOUNTS + "/" + id)
        .then()
        .statusCode(409)
        .contentType(PROBLEM);

    // The refused change left the account's own claim in place.
    json()
        .body(Map.of("email", own, "displayName", "Someone else", "password", PASSWORD))
        .post(ACCOUNTS)
        .then()
        .statusCode(409);
  }

  @Test
  void aRefusedPatchOfNameAndEmailChangesNeitherAndLeavesTheVersion() {
    String taken = uniqueEmail();
    register(taken, "Holder");
    String id = register(uniqueEmail(), "Ada").path("id");

    json()
        .body(Map.of("displayName", "Half applied", "email", taken))
        .patch(ACCOUNTS + "/" + id)
        .then()
        .statusCode(409);

    given()
        .get(ACCOUNTS + "/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"0\"")
        .body("displayName", equalTo("Ada"));
    // The client's ETag is still the account's version: the next change must be accepted as 1.
    json()
        .header("If-Match", "\"0\"")
        .body(Map.of("displayName", "Ada Lovelace"))
        .patch(ACCOUNTS + "/" + id)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("version", equalTo(1));
  }

  @Test
  void aChangedEmailReleasesTheOldOne() {
    String old = uniqueEmail();
    String id = register(old, "Ada").path("id");
    json().body(Map.of("email", uniqueEmail())).patch(ACCOUNTS + "/" + id).then().statusCode(200);

    register(old, "Next owner");
  }

  // --- Invalid input: always 400 problem+json, never 500

  @Test
  void malformedJsonIsABadRequest() {
    json()
        .body("{\"email\": \"a@example.com\", \"displayName\": ")
        .post(ACCOUNTS)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("status", equalTo(400))
        .body("title", notNullValue());
  }

  @Test
  void missingBodyIsABadRequest() {
    given()
        .contentType(ContentType.JSON)
        .post(ACCOUNTS)
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }

  @Test
  void missingFieldsAreNamed() {
    json()
        .body(Map.of("displayName", "Ada"))
        .post(ACCOUNTS)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItems("email", "password"))
        .body("errors.field", not(hasItem("displayName")));
  }

  static Stream<Arguments> invalidRegistrations() {
    return Stream.of(
        arguments(registration(uniqueEmail(), longText(101), PASSWORD), "displayName"),
        arguments(registration(uniqueEmail(), " ", PASSWORD), "displayName"),
        arguments(registration(uniqueEmail(), "Ada", longText(129)), "password"),
        arguments(registration(uniqueEmail(), "Ada", "short"), "password"),
        arguments(registration("not-an-email", "Ada", PASSWORD), "email"),
        arguments(registration(longText(250) + "@example.com", "Ada", PASSWORD), "email"),
        arguments(
            "{\"email\":[],\"displayName\":\"Ada\",\"password\":\"" + PASSWORD + "\"}", "email"),
        arguments(
            "{\"email\":\""
                + uniqueEmail()
                + "\",\"displayName\":{\"a\":1},\"password\":\""
                + PASSWORD
                + "\"}",
            "displayName"));
  }

  @ParameterizedTest
  @MethodSource("invalidRegistrations")
  void invalidRegistrationIsABadRequestNamingTheField(String body, String field) {
    json()
        .body(body)
        .post(ACCOUNTS)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("status", equalTo(400))
        .body("errors.field", hasItem(field));
  }

  @Test
  void aDisplayNameOfExactlyTheLimitIsAccepted() {
    register(uniqueEmail(), longText(100));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"displayName\":\"\"}|displayName",
        "{\"email\":\"nope\"}|email",
        "{\"email\":7}|email"
      })
  void invalidPatchIsABadRequestNamingTheField(String caseSpec) {
    String[] parts = caseSpec.split("\\|");
    String id = register(uniqueEmail(), "Ada").path("id");

    json()
        .body(parts[0])
        .patch(ACCOUNTS + "/" + id)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem(parts[1]));
  }

  @Test
  void blankDisplayNameInAPatchIsABadRequestAsAtRegistration() {
    String id = register(uniqueEmail(), "Ada").path("id");

    json()
        .body(Map.of("displayName", "   "))
        .patch(ACCOUNTS + "/" + id)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("displayName"));
  }

  @Test
  void overLongDisplayNameInAPatchIsABadRequest() {
    String id = register(uniqueEmail(), "Ada").path("id");

    json()
        .body(Map.of("displayName", longText(101)))
        .patch(ACCOUNTS + "/" + id)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("displayName"));
  }

  // --- Password

  @Test
  void passwordChangeWithTheRightCurrentPasswordSucceedsAndRetiresTheOldOne() {
    String id = register(uniqueEmail(), "Ada").path("id");
    String token =
        json()
            .body(Map.of("currentPassword", PASSWORD, "newPassword", "a brand new secret"))
            .put(ACCOUNTS + "/" + id + "/password")
            .then()
            .statusCode(204)
            .header("X-Consistency-Token", notNullValue())
            .extract()
            .header("X-Consistency-Token");
    readFresh(id, token);

    json()
        .body(Map.of("currentPassword", PASSWORD, "newPassword", "yet another secret"))
        .put(ACCOUNTS + "/" + id + "/password")
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    json()
        .body(Map.of("currentPassword", "a brand new secret", "newPassword", "yet another secret"))
        .put(ACCOUNTS + "/" + id + "/password")
        .then()
        .statusCode(204);
  }

  @Test
  void passwordChangeWithTheWrongCurrentPasswordIsForbidden() {
    String id = register(uniqueEmail(), "Ada").path("id");

    json()
        .body(Map.of("currentPassword", "not my password", "newPassword", "a brand new secret"))
        .put(ACCOUNTS + "/" + id + "/password")
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("status", equalTo(403));
  }

  @Test
  void passwordChangeWithATooShortNewPasswordIsABadRequest() {
    String id = register(uniqueEmail(), "Ada").path("id");

    json()
        .body(Map.of("currentPassword", PASSWORD, "newPassword", "short"))
        .put(ACCOUNTS + "/" + id + "/password")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("newPassword"));
  }

  // --- Status

  @Test
  void suspendAndReactivateAnswerTheAccountInItsNewStatus() {
    String id = register(uniqueEmail(), "Ada").path("id");

    json()
        .body(Map.of("reason", "chargeback"))
        .post(ACCOUNTS + "/" + id + "/suspend")
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("status", equalTo("suspended"))
        .body("version", equalTo(1));
    json()
        .body(Map.of("reason", "chargeback"))
        .post(ACCOUNTS + "/" + id + "/suspend")
        .then()
        .statusCode(200)
        .body("status", equalTo("suspended"))
        .body("version", equalTo(1));
    json()
        .body(Map.of("reason", "resolved"))
        .post(ACCOUNTS + "/" + id + "/reactivate")
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"")
        .body("status", equalTo("active"))
        .body("version", equalTo(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"reason\":\"  \"}", "{\"reason\":null}"})
  void statusChangeWithoutAReasonIsABadRequest(String body) {
    String id = register(uniqueEmail(), "Ada").path("id");

    json()
        .body(body)
        .post(ACCOUNTS + "/" + id + "/suspend")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("reason"));
  }

  // --- Erasure

  @Test
  void erasedAccountIsGoneItsEmailIsFreeAndItCannotChange() {
    String email = uniqueEmail();
    String id = register(email, "Ada").path("id");

    String token =
        given()
            .delete(ACCOUNTS + "/" + id)
            .then()
            .statusCode(202)
            .header("X-Consistency-Token", notNullValue())
            .extract()
            .header("X-Consistency-Token");
    awaitFresh(id, token)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .header("X-Consistency", "fresh");

    register(email, "Ada again");
    json()
        .body(Map.of("displayName", "Ghost"))
        .patch(ACCOUNTS + "/" + id)
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    json()
        .body(Map.of("reason", "too late"))
        .post(ACCOUNTS + "/" + id + "/suspend")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    json()
        .body(Map.of("currentPassword", PASSWORD, "newPassword", "a brand new secret"))
        .put(ACCOUNTS + "/" + id + "/password")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }

  @Test
  void erasingTwiceIsAccepted() {
    String id = register(uniqueEmail(), "Ada").path("id");
    given().delete(ACCOUNTS + "/" + id).then().statusCode(202);

    given().delete(ACCOUNTS + "/" + id).then().statusCode(202);
  }

  // --- Unknown accounts

  @Test
  void unknownAccountIsNotFound() {
    String path = ACCOUNTS + "/" + UUID.randomUUID();

    given()
        .get(path)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("status", equalTo(404))
        .body("instance", equalTo(path));
    json()
        .body(Map.of("displayName", "Nobody"))
        .patch(path)
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    json()
        .body(Map.of("email", uniqueEmail()))
        .patch(path)
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    json()
        .body(Map.of("reason", "who?"))
        .post(path + "/suspend")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    json()
        .body(Map.of("reason", "who?"))
        .post(path + "/reactivate")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    given().delete(path).then().statusCode(404).contentType(PROBLEM);
  }

  @Test
  void profileChangeOfAnUnknownAccountWithAnOverLongIdIsNotFound() {
    String path = ACCOUNTS + "/" + "x".repeat(300);

    given().get(path).then().statusCode(404).contentType(PROBLEM);
    json()
        .body(Map.of("reason", "who?"))
        .post(path + "/suspend")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    json()
        .body(Map.of("displayName", "Nobody"))
        .patch(path)
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }

  @Test
  void emailChangeOfAnUnknownAccountWithAnOverLongIdIsNotFound() {
    json()
        .body(Map.of("email", uniqueEmail()))
        .patch(ACCOUNTS + "/" + "x".repeat(100))
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }

  // --- Helpers

  private static RequestSpecification json() {
    return given().contentType(ContentType.JSON);
  }

  private static String uniqueEmail() {
    return "ada-" + UUID.randomUUID() + "@example.com";
  }

  private static String registration(String email, String displayName, String password) {
    return "{\"email\":\""
        + email
        + "\",\"displayName\":\""
        + displayName
        + "\",\"password\":\""
        + password
        + "\"}";
  }

  private static String longText(int length) {
    return "n".repeat(length);
  }

  /**
   * Registers an account and answers the 201 response once the read model holds the account, as a
   * client that reads its own write would: registration answers from the command, not the model.
   */
  private static ExtractableResponse<Response> register(String email, String displayName) {
    ExtractableResponse<Response> created =
        json()
            .body(Map.of("email", email, "displayName", displayName, "password", PASSWORD))
            .post(ACCOUNTS)
            .then()
            .statusCode(201)
            .extract();
    readFresh(created.path("id"), created.header("X-Consistency-Token"));
    return created;
  }

  /**
   * Reads the account once the read model has applied {@code token}, repeating the bounded
   * server-side wait until the projection catches up.
   */
  private static ExtractableResponse<Response> readFresh(String id, String token) {
    Response response = awaitFresh(id, token);
    return response.then().statusCode(200).extract();
  }

  private static Response awaitFresh(String id, String token) {
    AtomicReference<Response> last = new AtomicReference<>();
    await()
        .atMost(PROJECTION_DEADLINE)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              Response response =
                  given().header("X-Consistent-With", token).get(ACCOUNTS + "/" + id);
              last.set(response);
              return "fresh".equals(response.header("X-Consistency"));
            });
    return last.get();
  }
}
