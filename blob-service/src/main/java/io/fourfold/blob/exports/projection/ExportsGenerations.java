package io.fourfold.blob.exports.projection;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.generation.SchemaGenerations;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The exports projection's generations: schema {@code exports_g<N>} holding the material tables
 * behind views of the same names in {@code public} that the projector and the worker use (see
 * {@link SchemaGenerations}). A rebuild folds events with the live projector's own statements
 * ({@link ExportProjector#applyOn}) and leaves no job: it builds no export and erases nothing, it
 * only folds. A singleton: its base class takes its schema at construction, so there is no proxy.
 */
@Singleton
public class ExportsGenerations extends SchemaGenerations {

  private final ExportProjector projector;

  public ExportsGenerations(Pool pool, ExportProjector projector) {
    super(
        pool,
        "exports_g",
        List.of(
            "export_applied",
            "export_erased_account",
            "export_account",
            "export_subscription_change",
            "export_invoice",
            "export_payment",
            "export_blob"));
    this.projector = projector;
  }

  @Override
  public String name() {
    return ExportProjector.NAME;
  }

  /** As its live projector reports it: what it produces goes to S3. */
  @Override
  public ProjectionStore store() {
    return ProjectionStore.S3;
  }

  @Override
  public boolean uses(String eventType) {
    return eventType.startsWith("account.")
        || eventType.startsWith("billing.")
        || eventType.startsWith("blob.");
  }

  @Override
  protected Uni<Void> applyOn(SqlConnection connection, ProjectedEvent event) {
    return projector.applyOn(connection, event, false);
  }

  /** An aggregate is an account, a subscription, an invoice or a blob; each keys its own rows. */
  @Override
  protected List<String> forgetStatements(String schema, String aggregateId) {
    return List.of(
        "DELETE FROM " + schema + ".export_applied WHERE aggregate_id = $1",
        "DELETE FROM " + schema + ".export_erased_account WHERE account_id = $1",
        "DELETE FROM " + schema + ".export_account WHERE account_id = $1",
        "DELETE FROM " + schema + ".export_subscription_change WHERE subscription_id = $1",
        "DELETE FROM " + schema + ".export_payment WHERE invoice_id = $1",
        "DELETE FROM " + schema + ".export_invoice WHERE invoice_id = $1",
        "DELETE FROM " + schema + ".export_blob WHERE blob_id = $1");
  }
}
