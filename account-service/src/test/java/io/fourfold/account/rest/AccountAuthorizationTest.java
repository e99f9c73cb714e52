package io.fourfold.account.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what to an account: the account itself, an admin, nobody else. The caller is what the
 * gateway established (X-Account-Id, X-Account-Role); without it a protected endpoint is a 401.
 */
@QuarkusTest
class AccountAuthorizationTest {

  private static final String ACCOUNTS = "/api/v1/accounts";
  private static final String STRANGER = "11111111-2222-3333-4444-555555555555";
  private String owner;

  @BeforeEach
  void registerAnAccount() {
    owner =
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"email\":\"authz-"
                    + UUID.randomUUID()
                    + "@example.com\",\"displayName\":\"Owner\",\"password\":\"owner password\"}")
            .post(ACCOUNTS)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
  }

  @Test
  void withoutACallerEveryProtectedEndpointIs401() {
    given().get(ACCOUNTS + "/" + owner).then().statusCode(401).body("status", equalTo(401));
    json().body("{\"displayName\":\"x\"}").patch(ACCOUNTS + "/" + owner).then().statusCode(401);
    json()
        .body("{\"currentPassword\":\"owner password\",\"newPassword\":\"another password\"}")
        .put(ACCOUNTS + "/" + owner + "/password")
        .then()
        .statusCode(401);
    json()
        .body("{\"reason\":\"x\"}")
        .post(ACCOUNTS + "/" + owner + "/suspend")
        .then()
        .statusCode(401);
    given().delete(ACCOUNTS + "/" + owner).then().statusCode(401);
  }

  @Test
  void anotherAccountIsRefusedWith403() {
    as(STRANGER, "user").get(ACCOUNTS + "/" + owner).then().statusCode(403);
    as(STRANGER, "user")
        .contentType(ContentType.JSON)
        .body("{\"displayName\":\"Mallory\"}")
        .patch(ACCOUNTS + "/" + owner)
        .then()
        .statusCode(403);
    as(STRANGER, "user").delete(ACCOUNTS + "/" + owner).then().statusCode(403);
  }

  @Test
  void theAccountItselfMayReadAndChangeItButNotSuspendIt() {
    as(owner, "user")
        .header("X-Consistent-With", ownerToken())
        .get(ACCOUNTS + "/" + owner)
        .then()
        .statusCode(200)
        .body("id", equalTo(owner));
    as(owner, "user")
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"self\"}")
        .post(ACCOUNTS + "/" + owner + "/suspend")
        .then()
        .statusCode(403);
  }

  @Test
  void anAdminMaySuspendAnyAccount() {
    as(STRANGER, "admin")
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"fraud\"}")
        .post(ACCOUNTS + "/" + owner + "/suspend")
        .then()
        .statusCode(200)
        .body("status", equalTo("suspended"));
  }

  private String ownerToken() {
    return new io.fourfold.schema.consistency.ConsistencyToken(owner, 0).encode();
  }

  private static RequestSpecification json() {
    return given().contentType(ContentType.JSON);
  }

  private static RequestSpecification as(String accountId, String role) {
    return given().header("X-Account-Id", accountId).header("X-Account-Role", role);
  }
}
