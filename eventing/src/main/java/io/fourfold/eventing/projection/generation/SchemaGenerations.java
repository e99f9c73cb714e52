package io.fourfold.eventing.projection.generation;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL projection's generations as one schema per generation ({@code <prefix><N>}) holding
 * its tables, served through views of the same names in {@code public} that the live projector and
 * the queries use. A rebuild applies events with the live projector's own statements ({@link
 * #applyOn}) on a connection whose search path names the generation's schema, so the rules exist
 * once; a switch replaces every view in one transaction, holding them in ACCESS EXCLUSIVE mode from
 * the start (a weaker lock upgraded at the switch deadlocks with a live transaction that read the
 * views and waits to write); reads wait for the switch, they never fail.
 */
public abstract class SchemaGenerations implements RebuildableProjection {

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final Pool pool;
  private final String schemaPrefix;
  private final List<String> tables;
  private final Pattern generationInView;

  /**
   * @param schemaPrefix the schemas' names without the generation, e.g. {@code billing_g}
   * @param tables the tables, parents before children (the order foreign keys are recreated in);
   *     the first one's view tells which generation serves
   */
  protected SchemaGenerations(Pool pool, String schemaPrefix, List<String> tables) {
    this.pool = pool;
    this.schemaPrefix = schemaPrefix;
    this.tables = List.copyOf(tables);
    this.generationInView = Pattern.compile(Pattern.quote(schemaPrefix) + "(\\d+)\\.");
  }

  /**
   * Applies one event with the live projector's statements, unqualified (the search path names the
   * generation's schema), and without the live projection's side effects.
   */
  protected abstract Uni<Void> applyOn(SqlConnection connection, ProjectedEvent event);

  /**
   * The statements that remove one aggregate's rows from a generation's schema, {@code $1} being
   * the aggregate id, before its events are applied again.
   */
  protected abstract List<String> forgetStatements(String schema, String aggregateId);

  /** Whether {@link #applyOn} does anything with the event; others are not sent to the store. */
  protected boolean applies(ProjectedEvent event) {
    return true;
  }

  @Override
  public String location(int generation) {
    return schema(generation);
  }

  @Override
  public int servingGeneration() {
    return pool.withConnection(this::serving).await().atMost(TIMEOUT);
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

  private Uni<Void> createSchema(SqlConnection connection, int serving, int generation) {
    String from = schema(serving);
    String to = schema(generation);
    List<String> statements = new ArrayList<>();
    statements.add("CREATE SCHEMA " + to);
    for (String table : tables) {
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
        .execute(Tuple.of(from))
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
              return each(connection, statements);
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
      connection.query("SET LOCAL lock_timeout = '10s'").execute().await().atMost(TIMEOUT);
      connection
          .query("LOCK TABLE " + String.join(", ", tables) + " IN ACCESS EXCLUSIVE MODE")
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
      Multi.createFrom()
          .iterable(forgetStatements(schema(generation), aggregateId))
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
      for (String table : tables) {
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

  /** The live projector's statements, in order, against the generation's own schema. */
  private Uni<Void> write(SqlConnection connection, List<ProjectedEvent> events, int generation) {
    List<ProjectedEvent> used = events.stream().filter(this::applies).toList();
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
                    .transformToUniAndConcatenate(event -> applyOn(connection, event))
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

  private Uni<Integer> serving(SqlConnection connection) {
    String view = tables.get(0);
    return connection
        .preparedQuery(
            "SELECT definition FROM pg_views WHERE schemaname = 'public' AND viewname = $1")
        .execute(Tuple.of(view))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                throw new IllegalStateException(view + " is not a view: migrations did not run");
              }
              Matcher matcher = generationInView.matcher(rows.iterator().next().getString(0));
              if (!matcher.find()) {
                throw new IllegalStateException(view + " serves no generation schema");
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

  private String schema(int generation) {
    return schemaPrefix + generation;
  }
}
