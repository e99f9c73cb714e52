package io.fourfold.blob.exports.projection;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exports projection's generations: one schema per generation ({@code exports_g<N>}) holding
 * the material tables, served through views of the same names in {@code public} that the projector
 * and the worker use. A rebuild folds events with the live projector's own statements ({@link
 * ExportProjector#applyOn}) on a connection whose search path names the generation's schema, and
 * leaves no job: a rebuild builds no export and erases nothing, it only folds.
 */
@ApplicationScoped
public class ExportsGenerations implements RebuildableProjection {

  private static final List<String> TABLES =
      List.of(
          "export_applied",
          "export_erased_account",
          "export_account",
          "export_subscription_change",
          "export_invoice",
          "export_payment",
          "export_blob");

  private static final Pattern GENERATION = Pattern.compile("exports_g(\\d+)\\.");
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final Pool pool;
  private final ExportProjector projector;

  public ExportsGenerations(Pool pool, ExportProjector projector) {
    this.pool = pool;
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
  public String location(int generation) {
    return schema(generation);
  }

  @Override
  public boolean uses(String eventType) {
    return eventType.startsWith("account.")
        || eventType.startsWith("billing.")
        || eventType.startsWith("blob.");
  }

  @Override
  public int servingGeneration() {
    return pool.withConnection(ExportsGenerations::serving).await().atMost(TIMEOUT);
  }

  @Override
  public void create(int generation) {
    pool.withTransaction(
            connection ->
                serving(connection)
                    .flatMap(
                        serving ->
                            exists(connection, schema(generation))
                                .flatMap(
                                    exists ->
                                        exists
                                            ? Uni.createFrom().voidItem()
                                            : createSchema(connection, serving, generation))))
        .await()
        .atMost(TIMEOUT);
  }

  private static Uni<Void> createSchema(SqlConnection connection, int serving, int generation) {
    String from = schema(serving);
    String to = schema(generation);
    List<String> statements = new ArrayList<>();
    statements.add("CREATE SCHEMA " + to);
    for (String table : TABLES) {
      statements.add(
          "CREATE TABLE " + to + "." + table + " (LIKE " + from + "." + table + " INCLUDING ALL)");
    }
    return each(connection, statements);
  }

  @Override
  public void drop(int generation) {
    pool.withTransaction(
            connection ->
                serving(connection)
                    .flatMap(
                        serving -> {
                          if (serving == generation) {
                            return Uni.createFrom()
                                .failure(
                                    new IllegalStateException(
                                        "generation " + generation + " serves reads"));
                          }
                          return connection
                              .query("DROP SCHEMA IF EXISTS " + schema(generation) + " CASCADE")
                              .execute()
                              .replaceWithVoid();
                        }))
        .await()
        .atMost(TIMEOUT);
  }

  @Override
  public void applyAll(List<ProjectedEvent> events, int generation) {
    pool.withTransaction(connection -> write(connection, events, generation))
        .await()
        .atMost(TIMEOUT);
  }

  @Override
  public Exclusive exclusive() {
    SqlConnection connection = pool.getConnection().await().atMost(TIMEOUT);
    try {
      Transaction transaction = connection.begin().await().atMost(TIMEOUT);
      // The views at once, in the mode replacing them at the switch needs: a weaker lock upgraded
      // then deadlocks with a live transaction that read the views and waits to write (found in
      // the account and billing read models). Reads wait for the switch; they never fail.
      connection.query("SET LOCAL lock_timeout = '10s'").execute().await().atMost(TIMEOUT);
      connection
          .query("LOCK TABLE " + String.join(", ", TABLES) + " IN ACCESS EXCLUSIVE MODE")
          .execute()
          .await()
          .atMost(TIMEOUT);
      return new Hold(connection, transaction);
    } catch (RuntimeException e) {
      connection.closeAndAwait();
      throw e;
    }
  }

  /** Writes held exclusively in one transaction. */
  private final class Hold implements Exclusive {
    private final SqlConnection connection;
    private final Transaction transaction;
    private boolean committed;

    private Hold(SqlConnection connection, Transaction transaction) {
      this.connection = connection;
      this.transaction = transaction;
    }

    @Override
    public void applyAll(List<ProjectedEvent> events, int generation) {
      write(connection, events, generation).await().atMost(TIMEOUT);
    }

    @Override
    public void forget(String aggregateId, int generation) {
      // An aggregate is an account, a subscription, an invoice or a blob; each keys its own rows.
      String to = schema(generation);
      List<String> statements =
          List.of(
              "DELETE FROM " + to + ".export_applied WHERE aggregate_id = $1",
              "DELETE FROM " + to + ".export_erased_account WHERE account_id = $1",
              "DELETE FROM " + to + ".export_account WHERE account_id = $1",
              "DELETE FROM " + to + ".export_subscription_change WHERE subscription_id = $1",
              "DELETE FROM " + to + ".export_payment WHERE invoice_id = $1",
              "DELETE FROM " + to + ".export_invoice WHERE invoice_id = $1",
              "DELETE FROM " + to + ".export_blob WHERE blob_id = $1");
      Multi.createFrom()
          .iterable(statements)
          .onItem()
          .transformToUniAndConcatenate(
              sql -> connection.preparedQuery(sql).execute(Tuple.of(aggregateId)))
          .onItem()
          .ignoreAsUni()
          .await()
          .atMost(TIMEOUT);
    }

    @Override
    public void serve(int generation) {
      List<String> statements = new ArrayList<>();
      for (String table : TABLES) {
        statements.add(
            "CREATE OR REPLACE VIEW public."
                + table
                + " AS SELECT * FROM "
                + schema(generation)
                + "."
                + table);
      }
      each(connection, statements).await().atMost(TIMEOUT);
    }

    @Override
    public void commit() {
      transaction.commit().await().atMost(TIMEOUT);
      committed = true;
    }

    @Override
    public void close() {
      try {
        if (!committed) {
          transaction.rollback().await().atMost(TIMEOUT);
        }
      } finally {
        connection.closeAndAwait();
      }
    }
  }

  /** The live projector's statements, in order, against the generation's own schema, no jobs. */
  private Uni<Void> write(SqlConnection connection, List<ProjectedEvent> events, int generation) {
    return connection
        .query("SET LOCAL search_path TO " + schema(generation))
        .execute()
        .flatMap(
            ignored ->
                Multi.createFrom()
                    .iterable(events)
                    .onItem()
                    .transformToUniAndConcatenate(
                        event -> projector.applyOn(connection, event, false))
                    .onItem()
                    .ignoreAsUni())
        .flatMap(ignored -> connection.query("SET LOCAL search_path TO DEFAULT").execute())
        .replaceWithVoid();
  }

  private static Uni<Void> each(SqlConnection connection, List<String> statements) {
    return Multi.createFrom()
        .iterable(statements)
        .onItem()
        .transformToUniAndConcatenate(sql -> connection.query(sql).execute())
        .onItem()
        .ignoreAsUni();
  }

  private static Uni<Integer> serving(SqlConnection connection) {
    return connection
        .preparedQuery(
            "SELECT definition FROM pg_views WHERE schemaname = 'public'"
                + " AND viewname = 'export_account'")
        .execute()
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw new IllegalStateException(
                    "export_account is not a view: migrations did not run");
              }
              Matcher matcher = GENERATION.matcher(rows.iterator().next().getString(0));
              if (!matcher.find()) {
                throw new IllegalStateException("export_account serves no generation schema");
              }
              return Integer.parseInt(matcher.group(1));
            });
  }

  private static Uni<Boolean> exists(SqlConnection connection, String schema) {
    return connection
        .preparedQuery("SELECT 1 FROM pg_namespace WHERE nspname = $1")
        .execute(Tuple.of(schema))
        .map(rows -> rows.iterator().hasNext());
  }

  private static String schema(int generation) {
    return "exports_g" + generation;
  }
}
