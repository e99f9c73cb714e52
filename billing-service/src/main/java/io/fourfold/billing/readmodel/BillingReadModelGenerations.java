package io.fourfold.billing.readmodel;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.generation.SchemaGenerations;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The billing read model's generations: schema {@code billing_g<N>} holding its five tables behind
 * views of the same names in {@code public} (see {@link SchemaGenerations}); a rebuild applies
 * events with the live projector's own statements ({@link BillingReadModelProjector#applyOn}). A
 * singleton: its base class takes its schema at construction, so there is no client proxy.
 */
@Singleton
public class BillingReadModelGenerations extends SchemaGenerations {

  private final BillingReadModelProjector projector;

  public BillingReadModelGenerations(Pool pool, BillingReadModelProjector projector) {
    super(
        pool,
        "billing_g",
        List.of("billing_account", "subscription_view", "invoice_view", "invoice_line", "payment"));
    this.projector = projector;
  }

  @Override
  public String name() {
    return BillingReadModelProjector.NAME;
  }

  @Override
  public ProjectionStore store() {
    return ProjectionStore.POSTGRESQL;
  }

  @Override
  public boolean uses(String eventType) {
    return eventType.startsWith("account.") || eventType.startsWith("billing.");
  }

  @Override
  protected boolean applies(ProjectedEvent event) {
    return BillingReadModelProjector.uses(event);
  }

  @Override
  protected Uni<Void> applyOn(SqlConnection connection, ProjectedEvent event) {
    return projector.applyOn(connection, event);
  }

  /** An aggregate is an account, a subscription or an invoice; lines and payments go with it. */
  @Override
  protected List<String> forgetStatements(String schema, String aggregateId) {
    return List.of(
        "DELETE FROM " + schema + ".payment WHERE invoice_id = $1",
        "DELETE FROM " + schema + ".invoice_line WHERE invoice_id = $1",
        "DELETE FROM " + schema + ".invoice_view WHERE invoice_id = $1",
        "DELETE FROM " + schema + ".subscription_view WHERE subscription_id = $1",
        "UPDATE "
            + schema
            + ".billing_account SET registered = FALSE, erased = FALSE, version = -1"
            + " WHERE account_id = $1");
  }
}
