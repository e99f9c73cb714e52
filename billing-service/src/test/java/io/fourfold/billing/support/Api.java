package io.fourfold.billing.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Requests as the gateway forwards them: the caller's account and role in headers. */
public final class Api {

  public static final String PROBLEM = "application/problem+json";
  public static final String ADMIN_ID = "00000000-0000-0000-0000-00000000b111";

  private Api() {}

  /** A request from the account itself, with its role user. */
  public static RequestSpecification as(String accountId) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Account-Id", accountId)
        .header("X-Account-Role", "user");
  }

  /** A request from an admin. */
  public static RequestSpecification asAdmin() {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Account-Id", ADMIN_ID)
        .header("X-Account-Role", "admin");
  }

  /** A request without a caller (a public endpoint, or one the gateway would refuse). */
  public static RequestSpecification anonymous() {
    return given().contentType(ContentType.JSON);
  }

  /** A fresh idempotency key. */
  public static String key() {
    return UUID.randomUUID().toString();
  }
}
