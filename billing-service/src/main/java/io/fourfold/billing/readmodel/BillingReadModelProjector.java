package io.fourfold.billing.readmodel;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.Projector;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountEvent;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.billing.InvoiceEvent;
import io.fourfold.schema.billing.SubscriptionEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the billing read model: which accounts exist, their subscriptions, invoices and payments.
 * Each event is applied in one transaction, and every write is guarded by the sequence of the
 * event's aggregate stored with the row, so a redelivered or repeated event changes nothing.
 */
@ApplicationScoped
public class BillingReadModelProjector implements Projector {

  /** The projection's name, its consumer group and the channel that feeds it. */
  public static final String NAME = "billing-read-model";

  private final Pool pool;
  private final SubscriptionRows subscriptions = new SubscriptionRows();
  private final InvoiceRows invoices = new InvoiceRows();

  public BillingReadModelProjector(Pool pool) {
    this.pool = pool;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProjectionStore store() {
    return ProjectionStore.POSTGRESQL;
  }

  @Override
  public Uni<Void> apply(ProjectedEvent projected) {
    if (!uses(projected)) {
      return Uni.createFrom().voidItem();
    }
    return pool.withTransaction(connection -> applyOn(connection, projected));
  }

  /** Whether the event changes the billing read model at all. */
  static boolean uses(ProjectedEvent projected) {
    return projected.event() instanceof AccountEvent
        || projected.event() instanceof SubscriptionEvent
        || projected.event() instanceof InvoiceEvent;
  }

  /**
   * Applies one event on a connection inside the caller's transaction, to the tables its search
   * path names: the serving generation's views for the live projection, a generation's own schema
   * for a rebuild ({@link BillingReadModelGenerations}).
   */
  Uni<Void> applyOn(SqlConnection connection, ProjectedEvent projected) {
    if (projected.event() instanceof AccountEvent event) {
      return account(connection, event, projected);
    }
    if (projected.event() instanceof SubscriptionEvent event) {
      return knownAccount(connection, event.accountId())
          .flatMap(ignored -> subscriptions.apply(connection, event, projected));
    }
    if (projected.event() instanceof InvoiceEvent event) {
      return knownAccount(connection, event.accountId())
          .flatMap(ignored -> invoices.apply(connection, event, projected));
    }
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Long> appliedSequence(String aggregateId) {
    // Account, subscription and invoice ids are distinct UUIDs: at most one table holds the id.
    return pool.preparedQuery(
            "SELECT version FROM billing_account WHERE account_id = $1"
                + " UNION ALL SELECT version FROM subscription_view WHERE subscription_id = $1"
                + " UNION ALL SELECT version FROM invoice_view WHERE invoice_id = $1")
        .execute(Tuple.of(aggregateId))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : -1L);
  }

  private static Uni<Void> account(
      SqlConnection connection, AccountEvent event, ProjectedEvent projected) {
    // Registration and erasure set flags that never go back; other events only move the version.
    return connection
        .preparedQuery(
            "INSERT INTO billing_account (account_id, registered, erased, version)"
                + " VALUES ($1, $2, $3, $4) ON CONFLICT (account_id) DO UPDATE SET"
                + " registered = billing_account.registered OR excluded.registered,"
                + " erased = billing_account.erased OR excluded.erased,"
                + " version = excluded.version"
                + " WHERE billing_account.version < excluded.version")
        .execute(
            Tuple.of(
                event.accountId(),
                event instanceof AccountRegistered,
                event instanceof AccountErased,
                projected.sequence()))
        .replaceWithVoid();
  }

  /** Makes sure the account has a row, so the billing row can refer to it. */
  private static Uni<Void> knownAccount(SqlConnection connection, String accountId) {
    return connection
        .preparedQuery(
            "INSERT INTO billing_account (account_id) VALUES ($1) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(accountId))
        .replaceWithVoid();
  }
}
