package io.fourfold.blob.exports.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.Projector;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The exports projection: folds account, billing, blob and export events into each account's export
 * material and the worker's jobs (PostgreSQL, database {@code blob}); the exports themselves are
 * written to S3 by {@link ExportWorker}. A batch is one transaction, and each event is applied only
 * if its sequence is newer than the last one applied for its aggregate, so redelivery and retries
 * change nothing.
 */
@ApplicationScoped
public class ExportProjector implements Projector {

  /** The projection's name, its consumer group and the channel that feeds it. */
  public static final String NAME = "exports";

  private final Pool pool;
  private final ExportMaterialRows rows;

  public ExportProjector(Pool pool, ObjectMapper json, ExportsConfig config) {
    this.pool = pool;
    this.rows = new ExportMaterialRows(json, config.settle().toMillis());
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Where its product, the export documents, goes. */
  @Override
  public ProjectionStore store() {
    return ProjectionStore.S3;
  }

  @Override
  public Uni<Void> apply(ProjectedEvent event) {
    return applyAll(List.of(event));
  }

  @Override
  public Uni<Void> applyAll(List<ProjectedEvent> events) {
    return pool.withTransaction(
        connection -> {
          Uni<Void> chain = Uni.createFrom().voidItem();
          for (ProjectedEvent event : events) {
            chain = chain.flatMap(v -> applyOn(connection, event, true));
          }
          return chain;
        });
  }

  @Override
  public Uni<Long> appliedSequence(String aggregateId) {
    return pool.preparedQuery("SELECT sequence FROM export_applied WHERE aggregate_id = $1")
        .execute(Tuple.of(aggregateId))
        .map(found -> found.iterator().hasNext() ? found.iterator().next().getLong(0) : -1L);
  }

  /**
   * Applies one event on a connection inside the caller's transaction, to the tables its search
   * path names: the serving generation's views for the live projection, a generation's own schema
   * for a rebuild ({@link ExportsGenerations}), which leaves no jobs.
   */
  Uni<Void> applyOn(SqlConnection connection, ProjectedEvent event, boolean jobs) {
    return connection
        .preparedQuery(
            "INSERT INTO export_applied (aggregate_id, sequence) VALUES ($1, $2)"
                + " ON CONFLICT (aggregate_id) DO UPDATE SET sequence = excluded.sequence"
                + " WHERE export_applied.sequence < excluded.sequence")
        .execute(Tuple.of(event.aggregateId(), event.sequence()))
        .flatMap(
            newer ->
                newer.rowCount() == 0
                    ? Uni.createFrom().voidItem()
                    : rows.fold(connection, event.event(), event.sequence(), jobs));
  }
}
