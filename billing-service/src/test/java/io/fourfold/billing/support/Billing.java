package io.fourfold.billing.support;

import static io.fourfold.billing.support.Api.as;
import static io.fourfold.billing.support.Api.asAdmin;
import static org.awaitility.Awaitility.await;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Billing flows the tests share, through the API. */
public final class Billing {

  private Billing() {}

  public static void subscribe(String accountId, String planId) {
    as(accountId)
        .body(Map.of("planId", planId))
        .put(subscription(accountId))
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
  }

  public static String subscription(String accountId) {
    return "/api/v1/accounts/" + accountId + "/subscription";
  }

  public static String invoices(String accountId) {
    return "/api/v1/accounts/" + accountId + "/invoices";
  }

  public static String payments(String invoiceId) {
    return "/api/v1/invoices/" + invoiceId + "/payments";
  }

  /** Issues the invoice of the period as an admin; answers the 201. */
  public static ExtractableResponse<Response> issue(
      String accountId, LocalDate start, LocalDate end) {
    return asAdmin()
        .header("Idempotency-Key", Api.key())
        .body(Map.of("periodStart", start.toString(), "periodEnd", end.toString()))
        .post(invoices(accountId))
        .then()
        .statusCode(201)
        .extract();
  }

  /** Waits until the owner's invoice list shows the invoice in a state {@code ready} accepts. */
  public static Map<String, Object> awaitInvoice(
      String accountId, String invoiceId, Predicate<Map<String, Object>> ready) {
    return await()
        .atMost(TestAccounts.PROJECTION_DEADLINE)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                as(accountId)
                    .get(invoices(accountId))
                    .then()
                    .statusCode(200)
                    .extract()
                    .<List<Map<String, Object>>>path("")
                    .stream()
                    .filter(i -> invoiceId.equals(i.get("id")))
                    .findFirst()
                    .orElse(null),
            invoice -> invoice != null && ready.test(invoice));
  }

  /** The minor units of a money field of a JSON object. */
  @SuppressWarnings("unchecked")
  public static long minor(Map<String, Object> object, String field) {
    return ((Number) ((Map<String, Object>) object.get(field)).get("amountMinor")).longValue();
  }
}
