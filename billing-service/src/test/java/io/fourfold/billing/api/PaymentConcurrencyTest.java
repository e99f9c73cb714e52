package io.fourfold.billing.api;

import static io.fourfold.billing.support.Api.as;
import static io.fourfold.billing.support.Api.key;
import static io.fourfold.billing.support.Billing.awaitInvoice;
import static io.fourfold.billing.support.Billing.issue;
import static io.fourfold.billing.support.Billing.minor;
import static io.fourfold.billing.support.Billing.payments;
import static io.fourfold.billing.support.Billing.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import io.fourfold.billing.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Payments racing for one invoice: the invoice aggregate takes them one at a time, so idempotency
 * keys hold under concurrency and no race lets more than the total through.
 */
@QuarkusTest
class PaymentConcurrencyTest {

  private static final int CLIENTS = 50;

  @Inject TestAccounts accounts;

  /** An account on the team plan (9900 a month) and its invoice for the month. */
  private record Invoice(String accountId, String id) {}

  private Invoice teamInvoice(LocalDate month) {
    String accountId = accounts.register();
    subscribe(accountId, "team");
    String id = issue(accountId, month, month.plusMonths(1).minusDays(1)).path("id");
    return new Invoice(accountId, id);
  }

  @Test
  void fiftyConcurrentPaymentsWithOneIdempotencyKeyPayOnce() throws Exception {
    Invoice invoice = teamInvoice(LocalDate.parse("2027-04-01"));
    String key = key();

    List<ExtractableResponse<Response>> answers = race(CLIENTS, i -> pay(invoice, key, 100));

    assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(201));
    assertThat(answers.stream().map(a -> a.<String>path("id")).distinct()).hasSize(1);
    assertThat(answers.stream().map(ExtractableResponse::asString).distinct()).hasSize(1);
    Map<String, Object> projected =
        awaitInvoice(invoice.accountId(), invoice.id(), i -> minor(i, "paid") > 0);
    assertThat(minor(projected, "paid")).isEqualTo(100);
  }

  @Test
  void fiftyConcurrentPaymentsWithDifferentKeysAllCountExactly() throws Exception {
    Invoice invoice = teamInvoice(LocalDate.parse("2027-05-01"));

    List<ExtractableResponse<Response>> answers = race(CLIENTS, i -> pay(invoice, key(), 100 + i));

    assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(201));
    assertThat(answers.stream().map(a -> a.<String>path("id")).distinct()).hasSize(CLIENTS);
    long expected = 0;
    for (int i = 0; i < CLIENTS; i++) {
      expected += 100 + i;
    }
    long sum = expected;
    assertThat(answers.stream().mapToLong(a -> a.<Integer>path("invoicePaid.amountMinor")).max())
        .hasValue(sum);
    Map<String, Object> projected =
        awaitInvoice(invoice.accountId(), invoice.id(), i -> minor(i, "paid") == sum);
    assertThat(minor(projected, "due")).isEqualTo(9900 - sum);
  }

  @Test
  void whenClientsRaceToPayMoreThanTheTotalAtMostTheTotalGetsThrough() throws Exception {
    Invoice invoice = teamInvoice(LocalDate.parse("2027-06-01"));

    // Two clients each pay 60% of the invoice, at once: one must be refused.
    List<ExtractableResponse<Response>> pair = race(2, i -> pay(invoice, key(), 5940));
    assertThat(pair)
        .extracting(ExtractableResponse::statusCode)
        .containsExactlyInAnyOrder(201, 409);

    // Then fifty clients race for the 3960 still due, 100 each: exactly 39 fit, 60 stays due.
    List<ExtractableResponse<Response>> crowd = race(CLIENTS, i -> pay(invoice, key(), 100));
    assertThat(crowd.stream().filter(a -> a.statusCode() == 201)).hasSize(39);
    assertThat(crowd.stream().filter(a -> a.statusCode() == 409)).hasSize(CLIENTS - 39);

    Map<String, Object> projected =
        awaitInvoice(invoice.accountId(), invoice.id(), i -> minor(i, "paid") == 9840);
    assertThat(minor(projected, "due")).isEqualTo(60);
    assertThat(projected.get("status")).isEqualTo("open");
  }

  private static ExtractableResponse<Response> pay(Invoice invoice, String key, long amount) {
    return as(invoice.accountId())
        .header("Idempotency-Key", key)
        .body(Map.of("amountMinor", amount, "currency", "EUR"))
        .post(payments(invoice.id()))
        .then()
        .extract();
  }

  /** Runs {@code clients} requests released at the same moment; answers in client order. */
  private static List<ExtractableResponse<Response>> race(
      int clients, IntFunction<ExtractableResponse<Response>> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ExtractableResponse<Response>>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int client = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return request.apply(client);
                }));
      }
      start.countDown();
      List<ExtractableResponse<Response>> answers = new ArrayList<>();
      for (Future<ExtractableResponse<Response>> future : futures) {
        answers.add(future.get(120, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
