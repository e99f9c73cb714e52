package io.fourfold.billing.api;

import static io.fourfold.billing.support.Api.PROBLEM;
import static io.fourfold.billing.support.Api.anonymous;
import static io.fourfold.billing.support.Api.as;
import static io.fourfold.billing.support.Api.asAdmin;
import static io.fourfold.billing.support.Api.key;
import static io.fourfold.billing.support.Billing.awaitInvoice;
import static io.fourfold.billing.support.Billing.invoices;
import static io.fourfold.billing.support.Billing.issue;
import static io.fourfold.billing.support.Billing.minor;
import static io.fourfold.billing.support.Billing.payments;
import static io.fourfold.billing.support.Billing.subscribe;
import static io.fourfold.billing.support.Billing.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.fourfold.billing.support.TestAccounts;
import io.fourfold.schema.consistency.ConsistencyToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The billing endpoints against the real event store, Kafka and read model, called as the gateway
 * calls them.
 */
@QuarkusTest
class BillingApiTest {

  private static final LocalDate JAN_1 = LocalDate.parse("2027-01-01");
  private static final LocalDate JAN_31 = LocalDate.parse("2027-01-31");

  @Inject TestAccounts accounts;

  // --- Plans

  @Test
  void plansArePublicWithPricesInMinorUnitsAndRateLimits() {
    anonymous()
        .get("/api/v1/plans")
        .then()
        .statusCode(200)
        .body("id", contains("free", "pro", "team"))
        .body("find { it.id == 'free' }.monthlyPrice.amountMinor", equalTo(0))
        .body("find { it.id == 'free' }.rateLimitPerMinute", equalTo(600))
        .body("find { it.id == 'pro' }.monthlyPrice.amountMinor", equalTo(2900))
        .body("find { it.id == 'pro' }.monthlyPrice.currency", equalTo("EUR"))
        .body("find { it.id == 'pro' }.rateLimitPerMinute", equalTo(6000))
        .body("find { it.id == 'team' }.name", equalTo("Team"));
  }

  // --- Subscriptions

  @Test
  void theFirstPlanStartsASubscriptionAndAnotherChangesIt() {
    String id = accounts.register();

    as(id)
        .body(Map.of("planId", "pro"))
        .put(subscription(id))
        .then()
        .statusCode(201)
        .header("X-Consistency-Token", notNullValue())
        .header("ETag", "\"0\"")
        .body("accountId", equalTo(id))
        .body("planId", equalTo("pro"))
        .body("rateLimitPerMinute", equalTo(6000))
        .body("version", equalTo(0));
    as(id)
        .body(Map.of("planId", "team"))
        .put(subscription(id))
        .then()
        .statusCode(200)
        .body("planId", equalTo("team"))
        .body("rateLimitPerMinute", equalTo(30000))
        .body("version", equalTo(1));
    as(id)
        .body(Map.of("planId", "team"))
        .put(subscription(id))
        .then()
        .statusCode(200)
        .body("version", equalTo(1));
  }

  @Test
  void cancellingAnswersNoContentAndAPlanAfterwardsStartsAgain() {
    String id = accounts.register();
    subscribe(id, "pro");

    as(id).delete(subscription(id)).then().statusCode(204);
    as(id).delete(subscription(id)).then().statusCode(204);
    as(id).body(Map.of("planId", "pro")).put(subscription(id)).then().statusCode(201);
  }

  @Test
  void theSubscriptionReadsAsTheLastCommandLeftIt() {
    String id = accounts.register();
    String started =
        as(id)
            .body(Map.of("planId", "pro"))
            .put(subscription(id))
            .then()
            .statusCode(201)
            .extract()
            .header("X-Consistency-Token");

    as(id)
        .header("X-Consistent-With", started)
        .get(subscription(id))
        .then()
        .statusCode(200)
        .header("X-Consistency", "fresh")
        .header("ETag", "\"0\"")
        .body("planId", equalTo("pro"))
        .body("status", equalTo("active"))
        .body("rateLimitPerMinute", equalTo(6000));

    String cancelled =
        as(id)
            .delete(subscription(id))
            .then()
            .statusCode(204)
            .extract()
            .header("X-Consistency-Token");
    as(id)
        .header("X-Consistent-With", cancelled)
        .get(subscription(id))
        .then()
        .statusCode(200)
        .header("X-Consistency", "fresh")
        .body("status", equalTo("cancelled"))
        .body("version", equalTo(1));
  }

  @Test
  void anAccountThatNeverSubscribedHasNoSubscriptionToRead() {
    String id = accounts.register();
    String other = accounts.register();

    as(id).get(subscription(id)).then().statusCode(404).contentType(PROBLEM);
    as(other).get(subscription(id)).then().statusCode(403).contentType(PROBLEM);
  }

  @Test
  void anAccountThatNeverSubscribedHasNoSubscriptionToCancel() {
    String id = accounts.register();

    as(id).delete(subscription(id)).then().statusCode(404).contentType(PROBLEM);
  }

  @Test
  void rightAfterRegisteringTheRegistrationsTokenWaitsUntilBillingKnowsTheAccount() {
    String id = accounts.registerWithoutWaiting();

    as(id)
        .header("X-Consistent-With", new ConsistencyToken(id, 0).encode())
        .header("X-Consistency-Timeout-Ms", "10000")
        .body(Map.of("planId", "pro"))
        .put(subscription(id))
        .then()
        .statusCode(201);
  }

  @Test
  void aMalformedConsistencyTokenIsInvalid() {
    String id = accounts.register();

    as(id)
        .header("X-Consistent-With", "not a token")
        .body(Map.of("planId", "pro"))
        .put(subscription(id))
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }

  @Test
  void anUnknownPlanIsUnprocessable() {
    String id = accounts.register();

    as(id)
        .body(Map.of("planId", "platinum"))
        .put(subscription(id))
        .then()
        .statusCode(422)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("planId"));
  }

  @Test
  void aMissingPlanIsInvalid() {
    String id = accounts.register();

    as(id).body(Map.of()).put(subscription(id)).then().statusCode(400).contentType(PROBLEM);
    as(id).body(Map.of("planId", " ")).put(subscription(id)).then().statusCode(400);
  }

  @Test
  void onlyAccountsBillingKnowsMaySubscribe() {
    String unknown = UUID.randomUUID().toString();

    as(unknown)
        .body(Map.of("planId", "pro"))
        .put(subscription(unknown))
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    asAdmin()
        .body(Map.of("planId", "pro"))
        .put(subscription("not-a-uuid"))
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }

  @Test
  void anErasedAccountMayNotSubscribe() {
    String id = accounts.register();
    accounts.erase(id);

    as(id)
        .body(Map.of("planId", "pro"))
        .put(subscription(id))
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }

  @Test
  void onlyTheOwnerOrAnAdminMayChooseThePlan() {
    String id = accounts.register();
    String other = accounts.register();

    anonymous().body(Map.of("planId", "pro")).put(subscription(id)).then().statusCode(401);
    as(other)
        .body(Map.of("planId", "pro"))
        .put(subscription(id))
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    as(other).delete(subscription(id)).then().statusCode(403);
    asAdmin().body(Map.of("planId", "pro")).put(subscription(id)).then().statusCode(201);
  }

  // --- Invoices

  @Test
  void anInvoiceBillsTheDaysOnEachPlanAndTheOwnerSeesIt() {
    String id = accounts.register();
    subscribe(id, "team");

    ExtractableResponse<Response> issued = issue(id, JAN_1, JAN_31);

    String invoiceId = issued.path("id");
    assertThat(issued.header("Location")).endsWith("/api/v1/invoices/" + invoiceId);
    assertThat(issued.<Integer>path("total.amountMinor")).isEqualTo(9900);
    assertThat(issued.<String>path("total.currency")).isEqualTo("EUR");
    assertThat(issued.<List<String>>path("lines.planId")).containsExactly("team");
    assertThat(issued.<String>path("status")).isEqualTo("open");

    Map<String, Object> listed = awaitInvoice(id, invoiceId, invoice -> true);
    assertThat(minor(listed, "total")).isEqualTo(9900);
    assertThat(minor(listed, "due")).isEqualTo(9900);
    assertThat(listed.get("periodStart")).isEqualTo("2027-01-01");
    assertThat(listed.get("periodEnd")).isEqualTo("2027-01-31");
    assertThat(listed.get("status")).isEqualTo("open");
  }

  @Test
  void aReadWithTheTokenOfTheIssuanceSeesTheInvoiceAtOnce() {
    String id = accounts.register();
    subscribe(id, "pro");
    ExtractableResponse<Response> issued = issue(id, JAN_1, JAN_31);

    as(id)
        .header("X-Consistent-With", issued.header("X-Consistency-Token"))
        .get(invoices(id))
        .then()
        .statusCode(200)
        .header("X-Consistency", "fresh")
        .body("id", hasItem(issued.<String>path("id")))
        .body("find { it.id == '" + issued.path("id") + "' }.total.amountMinor", equalTo(2900));
  }

  @Test
  void anInvoiceOfTheCurrentMonthIsProratedFromTheDayOfSubscribing() {
    String id = accounts.register();
    subscribe(id, "pro");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate first = today.withDayOfMonth(1);
    LocalDate last = today.withDayOfMonth(today.lengthOfMonth());

    ExtractableResponse<Response> issued = issue(id, first, last);

    int length = today.lengthOfMonth();
    long before = today.getDayOfMonth() - 1;
    long expected = 2900 - Math.floorDiv(2900 * before, length);
    assertThat(issued.<Integer>path("total.amountMinor")).isEqualTo((int) expected);
    assertThat(issued.<String>path("lines[0].from")).isEqualTo(today.toString());
    assertThat(issued.<Integer>path("lines[0].days")).isEqualTo(length - (int) before);
  }

  @Test
  void anAccountWithoutSubscriptionGetsAFreeInvoiceAlreadyPaid() {
    String id = accounts.register();

    ExtractableResponse<Response> issued = issue(id, JAN_1, JAN_31);

    assertThat(issued.<Integer>path("total.amountMinor")).isZero();
    assertThat(issued.<List<?>>path("lines")).isEmpty();
    assertThat(issued.<String>path("status")).isEqualTo("paid");
    awaitInvoice(id, issued.path("id"), invoice -> "paid".equals(invoice.get("status")));
  }

  @Test
  void aRepeatWithTheSameKeyGetsTheFirstAnswerAndAnotherBodyIsRefused() {
    String id = accounts.register();
    subscribe(id, "pro");
    String key = key();
    Map<String, String> body = Map.of("periodStart", "2027-02-01", "periodEnd", "2027-02-28");

    String first =
        asAdmin()
            .header("Idempotency-Key", key)
            .body(body)
            .post(invoices(id))
            .then()
            .statusCode(201)
            .extract()
            .asString();
    String again =
        asAdmin()
            .header("Idempotency-Key", key)
            .body(body)
            .post(invoices(id))
            .then()
            .statusCode(201)
            .extract()
            .asString();
    assertThat(again).isEqualTo(first);

    asAdmin()
        .header("Idempotency-Key", key)
        .body(Map.of("periodStart", "2027-03-01", "periodEnd", "2027-03-31"))
        .post(invoices(id))
        .then()
        .statusCode(422)
        .contentType(PROBLEM);
  }

  @Test
  void aPeriodIsInvoicedOnlyOnce() {
    String id = accounts.register();
    issue(id, JAN_1, JAN_31);

    asAdmin()
        .header("Idempotency-Key", key())
        .body(Map.of("periodStart", "2027-01-01", "periodEnd", "2027-01-31"))
        .post(invoices(id))
        .then()
        .statusCode(409)
        .contentType(PROBLEM);
  }

  @Test
  void onlyAdminsIssueInvoicesAndOnlyOwnersAndAdminsReadThem() {
    String id = accounts.register();
    String other = accounts.register();

    as(id)
        .body(Map.of("periodStart", "2027-01-01", "periodEnd", "2027-01-31"))
        .post(invoices(id))
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    as(other).get(invoices(id)).then().statusCode(403).contentType(PROBLEM);
    anonymous().get(invoices(id)).then().statusCode(401).contentType(PROBLEM);
    asAdmin().get(invoices(id)).then().statusCode(200);
  }

  @Test
  void anInvoiceForAnUnknownAccountIsNotFound() {
    asAdmin()
        .body(Map.of("periodStart", "2027-01-01", "periodEnd", "2027-01-31"))
        .post(invoices(UUID.randomUUID().toString()))
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"periodStart\": \"2027-01-31\", \"periodEnd\": \"2027-01-01\"}",
        "{\"periodStart\": \"2027-02-30\", \"periodEnd\": \"2027-03-01\"}",
        "{\"periodStart\": \"01/01/2027\", \"periodEnd\": \"2027-03-01\"}",
        "{\"periodStart\": \"2027-01-01\"}",
        "{\"periodStart\": 20270101, \"periodEnd\": \"2027-03-01\"}",
        "{\"periodStart\": \"2027-01-01\", \"periodEnd\": \"2029-01-01\"}",
        "{\"periodStart\": \"+999999999-12-01\", \"periodEnd\": \"+999999999-12-31\"}",
        "{\"periodStart\": \"0001-01-01\", \"periodEnd\": \"0001-01-31\"}",
        "{\"periodStart\": null, \"periodEnd\": \"2027-01-31\"}",
        "{\"periodStart\": \"2027-01-01\", ",
        ""
      })
  void badPeriodsAreInvalid(String body) {
    String id = UUID.randomUUID().toString();

    asAdmin()
        .header("Idempotency-Key", key())
        .body(body)
        .post(invoices(id))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("status", equalTo(400));
  }

  // --- Payments

  @Test
  void partialPaymentsThenTheRestMarkTheInvoicePaid() {
    String id = accounts.register();
    subscribe(id, "pro");
    String invoiceId = issue(id, JAN_1, JAN_31).path("id");

    as(id)
        .header("Idempotency-Key", key())
        .body(Map.of("amountMinor", 900, "currency", "EUR"))
        .post(payments(invoiceId))
        .then()
        .statusCode(201)
        .body("amount.amountMinor", equalTo(900))
        .body("invoicePaid.amountMinor", equalTo(900))
        .body("invoiceDue.amountMinor", equalTo(2000))
        .body("invoiceStatus", equalTo("open"));
    String token =
        as(id)
            .header("Idempotency-Key", key())
            .body(Map.of("amountMinor", 2000, "currency", "EUR"))
            .post(payments(invoiceId))
            .then()
            .statusCode(201)
            .body("invoiceDue.amountMinor", equalTo(0))
            .body("invoiceStatus", equalTo("paid"))
            .extract()
            .header("X-Consistency-Token");

    // Issued (0), two payments (1, 2), paid (3): the token names the last.
    as(id)
        .header("X-Consistent-With", token)
        .get("/api/v1/invoices/" + invoiceId)
        .then()
        .statusCode(200)
        .header("X-Consistency", "fresh")
        .header("ETag", "\"3\"")
        .body("status", equalTo("paid"))
        .body("paid.amountMinor", equalTo(2900))
        .body("due.amountMinor", equalTo(0));
    Map<String, Object> listed =
        awaitInvoice(id, invoiceId, invoice -> "paid".equals(invoice.get("status")));
    assertThat(minor(listed, "paid")).isEqualTo(2900);
  }

  @Test
  void overpaymentAndAnotherCurrencyAreConflicts() {
    String id = accounts.register();
    subscribe(id, "pro");
    String invoiceId = issue(id, JAN_1, JAN_31).path("id");

    as(id)
        .header("Idempotency-Key", key())
        .body(Map.of("amountMinor", 2901, "currency", "EUR"))
        .post(payments(invoiceId))
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("type", equalTo("urn:fourfold:problem:overpayment"));
    as(id)
        .header("Idempotency-Key", key())
        .body(Map.of("amountMinor", 100, "currency", "USD"))
        .post(payments(invoiceId))
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("type", equalTo("urn:fourfold:problem:currency-mismatch"));
  }

  @Test
  void aPaidInvoiceTakesNoMorePayments() {
    String id = accounts.register();
    subscribe(id, "pro");
    String invoiceId = issue(id, JAN_1, JAN_31).path("id");
    as(id)
        .header("Idempotency-Key", key())
        .body(Map.of("amountMinor", 2900, "currency", "EUR"))
        .post(payments(invoiceId))
        .then()
        .statusCode(201);

    as(id)
        .header("Idempotency-Key", key())
        .body(Map.of("amountMinor", 1, "currency", "EUR"))
        .post(payments(invoiceId))
        .then()
        .statusCode(409)
        .contentType(PROBLEM);
  }

  @Test
  void onlyTheOwnerOrAnAdminPaysAndUnknownInvoicesAreNotFound() {
    String id = accounts.register();
    String other = accounts.register();
    subscribe(id, "pro");
    String invoiceId = issue(id, JAN_1, JAN_31).path("id");
    Map<String, Object> payment = Map.of("amountMinor", 100, "currency", "EUR");

    as(other).body(payment).post(payments(invoiceId)).then().statusCode(403).contentType(PROBLEM);
    anonymous().body(payment).post(payments(invoiceId)).then().statusCode(401);
    as(id)
        .body(payment)
        .post(payments(UUID.randomUUID().toString()))
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    as(id).body(payment).post(payments("nope")).then().statusCode(404).contentType(PROBLEM);
    asAdmin().body(payment).post(payments(invoiceId)).then().statusCode(201);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"amountMinor\": -100, \"currency\": \"EUR\"}",
        "{\"amountMinor\": 0, \"currency\": \"EUR\"}",
        "{\"amountMinor\": 12.5, \"currency\": \"EUR\"}",
        "{\"amountMinor\": \"ten\", \"currency\": \"EUR\"}",
        "{\"amountMinor\": 99999999999999999999999, \"currency\": \"EUR\"}",
        "{\"amountMinor\": 100, \"currency\": \"XYZ\"}",
        "{\"amountMinor\": 100, \"currency\": \"eur\"}",
        "{\"amountMinor\": 100, \"currency\": \"EURO\"}",
        "{\"amountMinor\": 100}",
        "{\"currency\": \"EUR\"}",
        "[1, 2]",
        "null",
        "{\"amountMinor\": 100, \"currency\": null}",
        "{\"amountMinor\": 100, "
      })
  void badPaymentsAreInvalid(String body) {
    as(UUID.randomUUID().toString())
        .header("Idempotency-Key", key())
        .body(body)
        .post(payments(UUID.randomUUID().toString()))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("status", equalTo(400));
  }
}
