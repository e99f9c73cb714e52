package io.fourfold.billing.readmodel;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The billing read model's generations: one schema per generation ({@code billing_g<N>}) holding
 * its five tables, served through views of the same names in {@code public} that the projector and
 * the queries use. A rebuild applies events with the live projector's own statements ({@link
 * BillingReadModelProjector#applyOn}) on a connection whose search path names the generation's
 * schema, so the rules exist once; a switch replaces the five views in one transaction.
 */
@ApplicationScoped
public class BillingReadModelGenerations implements RebuildableProjection {

  /** The tables, parents before children (the order foreign keys are recreated in). */
  private static final List<String> TABLES =
      List.of("billing_account", "subscription_view", "invoice_view", "invoice_line", "payment");

  private static final Pattern GENERATION = Pattern.compile("billing_g(\\d+)\\.");
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final Pool pool;
  private final BillingReadModelProjector projector;

  public BillingReadModelGenerations(Pool pool, BillingReadModelProjector projector) {
    this.pool = pool;
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
  public String location(int generation) {
    return schema(generation);
  }

  @Override
  public boolean uses(String eventType) {
    return eventType.startsWith("account.") || eventType.startsWith("billing.");
  }

  @Override
  public int servingGeneration() {
    return pool.withConnection(BillingReadModelGenerations::serving).await().atMost(TIMEOUT);
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
    // LIKE copies columns, checks and indexes, not foreign keys: copy them, pointed at the new
    // schema's tables.
    return connection
        .preparedQuery(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)"
                + " FROM pg_constraint c WHERE c.contype = 'f'"
                + " AND c.connamespace = $1::text::regnamespace")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(from))
        .flatMap(
            keys -> {
              for (Row key : keys) {
                String table = key.getString(0).replaceFirst("^.*\\.", "");
                String definition =
                    key.getString(2)
                        .replaceAll("REFERENCES (" + from + "\\.)?", "REFERENCES " + to + ".");
                statements.add(
                    "ALTER TABLE "
                        + to
                        + "."
                        + table
                        + " ADD CONSTRAINT "
                        + key.getString(1)
                        + " "
                        + definition);
              }
              return Multi.createFrom()
                  .iterable(statements)
                  .onItem()
                  .transformToUniAndConcatenate(sql -> connection.query(sql).execute())
                  .onItem()
                  .ignoreAsUni();
            });
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
      // All five views at once, in the mode replacing them needs (a weaker lock upgraded at the
      // switch deadlocks with a live transaction that read them and waits to write).
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
      // An aggregate is an account, a subscription or an invoice; lines and payments go with it.
      String to = schema(generation);
      List<String> statements =
          List.of(
              "DELETE FROM " + to + ".payment WHERE invoice_id = $1",
              "DELETE FROM " + to + ".invoice_line WHERE invoice_id = $1",
              "DELETE FROM " + to + ".invoice_view WHERE invoice_id = $1",
              "DELETE FROM " + to + ".subscription_view WHERE subscription_id = $1",
              "UPDATE "
                  + to
                  + ".billing_account SET registered = FALSE, erased = FALSE, version = -1"
                  + " WHERE account_id = $1");
      Multi.createFrom()
          .iterable(statements)
          .onItem()
          .transformToUniAndConcatenate(
              sql ->
                  connection
                      .preparedQuery(sql)
                      .execute(io.vertx.mutiny.sqlclient.Tuple.of(aggregateId)))
          .onItem()
          .ignoreAsUni()
          .await()
          .atMost(TIMEOUT);
    }

    @Override
    public void serve(int generation) {
      Multi.createFrom()
          .iterable(TABLES)
          .onItem()
          .transformToUniAndConcatenate(
              table ->
                  connection
                      .query(
                          "CREATE OR REPLACE VIEW public."
                              + table
                              + " AS SELECT * FROM "
                              + schema(generation)
                              + "."
                              + table)
                      .execute())
          .onItem()
          .ignoreAsUni()
          .await()
          .atMost(TIMEOUT);
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

  /** The live projector's statements, in order, against the generation's own schema. */
  private Uni<Void> write(SqlConnection connection, List<ProjectedEvent> events, int generation) {
    List<ProjectedEvent> used = events.stream().filter(BillingReadModelProjector::uses).toList();
    if (used.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return connection
        .query("SET LOCAL search_path TO " + schema(generation))
        .execute()
        .flatMap(
            ignored ->
                Multi.createFrom()
                    .iterable(used)
                    .onItem()
                    .transformToUniAndConcatenate(event -> projector.applyOn(connection, event))
                    .onItem()
                    .ignoreAsUni())
        .flatMap(ignored -> connection.query("SET LOCAL search_path TO DEFAULT").execute())
        .replaceWithVoid();
  }

  private static Uni<Integer> serving(SqlConnection connection) {
    return connection
        .preparedQuery(
            "SELECT definition FROM pg_views WHERE schemaname = 'public'"
                + " AND viewname = 'billing_account'")
        .execute()
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw new IllegalStateException(
                    "billing_account is not a view: migrations did not run");
              }
              Matcher matcher = GENERATION.matcher(rows.iterator().next().getString(0));
              if (!matcher.find()) {
                throw new IllegalStateException("billing_account serves no generation schema");
              }
              return Integer.parseInt(matcher.group(1));
            });
  }

  private static Uni<Boolean> exists(SqlConnection connection, String schema) {
    return connection
        .preparedQuery("SELECT 1 FROM pg_namespace WHERE nspname = $1")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(schema))
        .map(rows -> rows.iterator().hasNext());
  }

  private static String schema(int generation) {
    return "billing_g" + generation;
  }
}
