package io.fourfold.billing.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountRole;
import io.fourfold.schema.billing.InvoiceIssued;
import io.fourfold.schema.billing.InvoiceLine;
import io.fourfold.schema.billing.InvoicePaymentReceived;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionStarted;
import io.fourfold.schema.personal.InMemoryDataKeys;
import io.fourfold.schema.personal.PersonalDataCipher;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The billing projector applied directly, as the runtime would on redelivery, and the read model's
 * own constraints, against the real database.
 */
@QuarkusTest
class BillingReadModelProjectorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Instant AT = Instant.parse("2027-02-01T09:00:00Z");
  private static final LocalDate START = LocalDate.parse("2027-01-01");
  private static final LocalDate END = LocalDate.parse("2027-01-31");

  @Inject BillingReadModelProjector projector;
  @Inject BillingQueries queries;
  @Inject Pool pool;

  private static ProjectedEvent projected(DomainEvent event, long sequence) {
    return new ProjectedEvent(
        event, UUID.randomUUID().toString(), event.aggregateId(), sequence, 0, AT, Map.of());
  }

  private void apply(DomainEvent event, long sequence) {
    projector.apply(projected(event, sequence)).await().atMost(WAIT);
  }

  private Row invoiceRow(String invoiceId) {
    return pool.preparedQuery("SELECT * FROM invoice_view WHERE invoice_id = $1")
        .execute(Tuple.of(invoiceId))
        .await()
        .atMost(WAIT)
        .iterator()
        .next();
  }

  private long count(String sql, String id) {
    return pool.preparedQuery(sql)
        .execute(Tuple.of(id))
        .await()
        .atMost(WAIT)
        .iterator()
        .next()
        .getLong(0);
  }

  private static AccountRegistered registered(String accountId) {
    PersonalDataCipher cipher = new PersonalDataCipher(new InMemoryDataKeys());
    return new AccountRegistered(
        accountId,
        cipher.seal(accountId, "a@example.org"),
        cipher.seal(accountId, "A"),
        cipher.seal(accountId, "hash"),
        AccountRole.USER,
        AT);
  }

  private static InvoiceIssued issued(String invoiceId, String accountId) {
    return new InvoiceIssued(
        invoiceId,
        accountId,
        START,
        END,
        "EUR",
        List.of(new InvoiceLine("pro", START, END, 31, 2900)),
        2900,
        AT);
  }

  @Test
  void aRedeliveredPaymentIsCountedOnce() {
    String account = UUID.randomUUID().toString();
    String invoice = UUID.randomUUID().toString();
    InvoicePaymentReceived payment =
        new InvoicePaymentReceived(invoice, account, UUID.randomUUID().toString(), 1000, "EUR", AT);

    apply(registered(account), 0);
    apply(issued(invoice, account), 0);
    apply(issued(invoice, account), 0);
    apply(payment, 1);
    apply(payment, 1);

    Row row = invoiceRow(invoice);
    assertThat(row.getLong("paid_minor")).isEqualTo(1000);
    assertThat(row.getLong("version")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM payment WHERE invoice_id = $1", invoice)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM invoice_line WHERE invoice_id = $1", invoice))
        .isEqualTo(1);
    assertThat(projector.appliedSequence(invoice).await().atMost(WAIT)).isEqualTo(1);
  }

  @Test
  void anOlderEventAfterANewerOneChangesNothing() {
    String account = UUID.randomUUID().toString();
    String subscription = UUID.randomUUID().toString();

    apply(registered(account), 0);
    apply(new SubscriptionStarted(subscription, account, "pro", 6000, AT), 0);
    apply(new SubscriptionChanged(subscription, account, "pro", "team", 30000, AT), 1);
    apply(new SubscriptionStarted(subscription, account, "pro", 6000, AT), 0);

    Row row =
        pool.preparedQuery(
                "SELECT plan_id, version FROM subscription_view WHERE subscription_id = $1")
            .execute(Tuple.of(subscription))
            .await()
            .atMost(WAIT)
            .iterator()
            .next();
    assertThat(row.getString("plan_id")).isEqualTo("team");
    assertThat(projector.appliedSequence(subscription).await().atMost(WAIT)).isEqualTo(1);
  }

  @Test
  void aBillingEventBeforeTheAccountsRegistrationKeepsTheAccountUnbillableUntilItArrives() {
    String account = UUID.randomUUID().toString();
    String invoice = UUID.randomUUID().toString();

    apply(issued(invoice, account), 0);
    assertThat(queries.accountMayBeBilled(account).await().atMost(WAIT)).isFalse();
    assertThat(projector.appliedSequence(account).await().atMost(WAIT)).isEqualTo(-1);

    apply(registered(account), 0);
    assertThat(queries.accountMayBeBilled(account).await().atMost(WAIT)).isTrue();
    assertThat(projector.appliedSequence(account).await().atMost(WAIT)).isZero();
  }

  @Test
  void anUnknownAggregateHasNoAppliedSequence() {
    assertThat(projector.appliedSequence(UUID.randomUUID().toString()).await().atMost(WAIT))
        .isEqualTo(-1);
  }

  @Test
  void theReadModelRefusesNegativeAmountsOverpaymentAndOrphans() {
    String account = UUID.randomUUID().toString();
    String invoice = UUID.randomUUID().toString();
    apply(registered(account), 0);
    apply(issued(invoice, account), 0);

    assertThatThrownBy(
            () ->
                pool.preparedQuery(
                        "INSERT INTO invoice_view (invoice_id, account_id, period_start,"
                            + " period_end, currency, total_minor, status, issued_at, version)"
                            + " VALUES ($1, $2, DATE '2027-01-01', DATE '2027-01-02', 'EUR', -1,"
                            + " 'open', now(), 0)")
                    .execute(Tuple.of(UUID.randomUUID().toString(), account))
                    .await()
                    .atMost(WAIT))
        .hasMessageContaining("check constraint");
    assertThatThrownBy(
            () ->
                pool.preparedQuery(
                        "UPDATE invoice_view SET paid_minor = total_minor + 1 WHERE invoice_id = $1")
                    .execute(Tuple.of(invoice))
                    .await()
                    .atMost(WAIT))
        .hasMessageContaining("invoice_not_overpaid");
    assertThatThrownBy(
            () ->
                pool.preparedQuery(
                        "INSERT INTO payment (payment_id, invoice_id, amount_minor, currency,"
                            + " received_at, sequence) VALUES ($1, $2, 100, 'EUR', now(), 1)")
                    .execute(Tuple.of(UUID.randomUUID().toString(), UUID.randomUUID().toString()))
                    .await()
                    .atMost(WAIT))
        .hasMessageContaining("foreign key");
    assertThatThrownBy(
            () ->
                pool.preparedQuery(
                        "INSERT INTO invoice_view (invoice_id, account_id, period_start,"
                            + " period_end, currency, total_minor, status, issued_at, version)"
                            + " VALUES ($1, $2, $3, $4, 'EUR', 100, 'open', now(), 0)")
                    .execute(Tuple.of(UUID.randomUUID().toString(), account, START, END))
                    .await()
                    .atMost(WAIT))
        .hasMessageContaining("invoice_one_per_period");
  }
}
