package io.fourfold.account.query;

import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountEvent;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.personal.PersonalDataCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The account read model's generations: tables {@code account_view_g<N>} and {@code
 * account_view_tombstone_g<N>}, served through the views {@code account_view} and {@code
 * account_view_tombstone} that readers and the live projector use. A switch replaces both views in
 * one transaction. Bulk writes fold each batch's events per account in memory with the live
 * projector's rules ({@link AccountViewFold}) and write the rows in multi-row upserts guarded by
 * the version, so a repeated batch changes nothing.
 */
@ApplicationScoped
public class AccountReadModelGenerations implements RebuildableProjection {

  private static final Pattern GENERATION = Pattern.compile("account_view_g(\\d+)");

  /** What pg_get_indexdef answers: {@code CREATE [UNIQUE ]INDEX name ON table USING ...}. */
  private static final Pattern INDEX_DEFINITION =
      Pattern.compile("CREATE (UNIQUE )?INDEX \\S+ ON \\S+ (USING .*)");

  private static final Duration KEYS_TIMEOUT = Duration.ofSeconds(30);
  private static final int ROWS_PER_STATEMENT = 1_000;
  private static final String COLUMNS =
      "id, email, display_name, password_hash, role, status, plan, version, created_at, updated_at";

  /**
   * What one account held by a bulk load costs the heap, rounded up (estimated at about 600 bytes:
   * the row's strings, two instants, the map entry).
   */
  private static final long HELD_ACCOUNT_BYTES = 1_024;

  private final AgroalDataSource readModel;
  private final AccountDataKeys keys;
  private final int heldAccounts;

  public AccountReadModelGenerations(
      AgroalDataSource readModel,
      AccountDataKeys keys,
      @ConfigProperty(name = "fourfold.rebuild.held-accounts") Optional<Integer> heldAccounts) {
    this.readModel = readModel;
    this.keys = keys;
    this.heldAccounts = BulkLoad.held(heldAccounts, HELD_ACCOUNT_BYTES);
  }

  @Override
  public String name() {
    return AccountReadModelProjector.NAME;
  }

  @Override
  public ProjectionStore store() {
    return ProjectionStore.POSTGRESQL;
  }

  @Override
  public String location(int generation) {
    return "account_view_g" + generation;
  }

  @Override
  public boolean uses(String eventType) {
    return eventType.startsWith("account.");
  }

  @Override
  public boolean usesMetadata() {
    return false;
  }

  @Override
  public boolean independentAggregates() {
    return true;
  }

  @Override
  public int servingGeneration() {
    try (Connection connection = readModel.getConnection()) {
      return serving(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read which generation account_view serves", e);
    }
  }

  @Override
  public void create(int generation) {
    try (Connection connection = readModel.getConnection();
        Statement statement = connection.createStatement()) {
      int serving = serving(connection);
      // Without the serving table's secondary indexes: a bulk load builds them once at its end
      // (AccountRowsLoad#finish) rather than keeping them up row by row.
      if (!tableExists(connection, rows(generation))) {
        statement.execute(
            "CREATE TABLE "
                + rows(generation)
                + " (LIKE "
                + rows(serving)
                + " INCLUDING ALL EXCLUDING INDEXES, PRIMARY KEY (id))");
      }
      statement.execute(
          "CREATE TABLE IF NOT EXISTS "
              + tombstones(generation)
              + " (LIKE "
              + tombstones(serving)
              + " INCLUDING ALL)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create generation " + generation, e);
    }
  }

  @Override
  public void drop(int generation) {
    try (Connection connection = readModel.getConnection();
        Statement statement = connection.createStatement()) {
      if (serving(connection) == generation) {
        throw new IllegalStateException("generation " + generation + " serves reads");
      }
      statement.execute("DROP TABLE IF EXISTS " + rows(generation));
      statement.execute("DROP TABLE IF EXISTS " + tombstones(generation));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop generation " + generation, e);
    }
  }

  @Override
  public void applyAll(List<ProjectedEvent> events, int generation) {
    try (Connection connection = readModel.getConnection()) {
      connection.setAutoCommit(false);
      try {
        write(connection, events, generation);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write generation " + generation, e);
    }
  }

  @Override
  public Optional<BulkLoad> bulkLoad(int generation) {
    return Optional.of(
        new AccountRowsLoad(
            readModel,
            keys,
            rows(generation),
            tombstones(generation),
            heldAccounts,
            () -> copyIndexes(generation)));
  }

  /**
   * Gives a generation's table the secondary indexes of the serving one (whatever migrations made
   * them), under names of its own; the primary key it has from the start.
   */
  private void copyIndexes(int generation) {
    try (Connection connection = readModel.getConnection();
        Statement statement = connection.createStatement()) {
      String servingTable = rows(serving(connection));
      List<String> definitions = new ArrayList<>();
      try (PreparedStatement indexes =
          connection.prepareStatement(
              "SELECT pg_get_indexdef(i.indexrelid), c.relname FROM pg_index i"
                  + " JOIN pg_class c ON c.oid = i.indexrelid"
                  + " WHERE i.indrelid = ?::regclass AND NOT i.indisprimary")) {
        indexes.setString(1, servingTable);
        try (ResultSet rs = indexes.executeQuery()) {
          while (rs.next()) {
            Matcher matcher = INDEX_DEFINITION.matcher(rs.getString(1));
            if (!matcher.matches()) {
              throw new IllegalStateException("cannot read index " + rs.getString(2));
            }
            String table = rows(generation);
            definitions.add(
                "CREATE "
                    + (matcher.group(1) == null ? "" : matcher.group(1))
                    + "INDEX IF NOT EXISTS "
                    + table
                    + "_"
                    + rs.getString(2).replaceFirst("^account_view_(g\\d+_)?", "")
                    + " ON "
                    + table
                    + " "
                    + matcher.group(2));
          }
        }
      }
      for (String definition : definitions) {
        statement.execute(definition);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot index generation " + generation, e);
    }
  }

  private static boolean tableExists(Connection connection, String table) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  @Override
  public Exclusive exclusive() {
    try {
      Connection connection = readModel.getConnection();
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        // Both views at once, in the mode replacing them needs: taking a weaker lock first and
        // upgrading it at the switch deadlocks with any live transaction that has read the views
        // and waits to write them. Reads wait for the hold (milliseconds: the last events only).
        statement.execute("SET LOCAL lock_timeout = '10s'");
        statement.execute(
            "LOCK TABLE account_view, account_view_tombstone IN ACCESS EXCLUSIVE MODE");
      } catch (SQLException e) {
        connection.rollback();
        connection.close();
        throw e;
      }
      return new Hold(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot hold off the account read model's writes", e);
    }
  }

  /** Writes held exclusively in one transaction. */
  private final class Hold implements Exclusive {
    private final Connection connection;
    private boolean committed;

    private Hold(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void applyAll(List<ProjectedEvent> events, int generation) {
      try {
        write(connection, events, generation);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot write generation " + generation, e);
      }
    }

    @Override
    public void forget(String aggregateId, int generation) {
      try {
        for (String table : List.of(rows(generation), tombstones(generation))) {
          try (PreparedStatement statement =
              connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            statement.setString(1, aggregateId);
            statement.executeUpdate();
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("cannot forget " + aggregateId, e);
      }
    }

    @Override
    public void serve(int generation) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE OR REPLACE VIEW account_view AS SELECT * FROM " + rows(generation));
        statement.execute(
            "CREATE OR REPLACE VIEW account_view_tombstone AS SELECT * FROM "
                + tombstones(generation));
      } catch (SQLException e) {
        throw new IllegalStateException("cannot switch to generation " + generation, e);
      }
    }

    @Override
    public void commit() {
      try {
        connection.commit();
        committed = true;
      } catch (SQLException e) {
        throw new IllegalStateException("cannot commit the switch", e);
      }
    }

    @Override
    public void close() {
      try (connection) {
        if (!committed) {
          connection.rollback();
        }
      } catch (SQLException e) {
        // Closing the connection ends the transaction anyway.
      }
    }
  }

  /**
   * Folds a batch into its accounts' rows: the rows and tombstones the batch touches are read once,
   * the events applied in memory in their order with the live rules, the results written in
   * multi-row statements.
   */
  private void write(Connection connection, List<ProjectedEvent> events, int generation)
      throws SQLException {
    List<ProjectedEvent> accountEvents =
        events.stream().filter(projected -> projected.event() instanceof AccountEvent).toList();
    if (accountEvents.isEmpty()) {
      return;
    }
    Set<String> ids = new LinkedHashSet<>();
    accountEvents.forEach(projected -> ids.add(projected.aggregateId()));
    PersonalDataCipher cipher = new PersonalDataCipher(keys.of(ids).await().atMost(KEYS_TIMEOUT));
    Map<String, AccountView> rows = readRows(connection, generation, ids);
    Map<String, Long> tombstones = readTombstones(connection, generation, ids);
    Map<String, AccountView> changed = new LinkedHashMap<>();
    Map<String, Long> erased = new LinkedHashMap<>();
    for (ProjectedEvent projected : accountEvents) {
      String id = projected.aggregateId();
      if (tombstones.containsKey(id)) {
        continue;
      }
      AccountEvent event = (AccountEvent) projected.event();
      AccountView row = rows.get(id);
      if (event instanceof AccountRegistered registered) {
        if (row == null) {
          row = AccountViewFold.registered(registered, projected, cipher::openOrRedacted);
          rows.put(id, row);
          changed.put(id, row);
        }
      } else if (event instanceof AccountErased) {
        tombstones.put(id, projected.sequence());
        erased.put(id, projected.sequence());
        rows.remove(id);
        changed.remove(id);
      } else if (row != null
          && AccountViewFold.changed(row, event, projected, cipher::openOrRedacted)) {
        changed.put(id, row);
      }
    }
    erase(connection, rows(generation), tombstones(generation), erased);
    upsert(connection, generation, new ArrayList<>(changed.values()));
  }

  private static Map<String, AccountView> readRows(
      Connection connection, int generation, Set<String> ids) throws SQLException {
    Map<String, AccountView> rows = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM " + rows(generation) + " WHERE id = ANY(?)")) {
      statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          AccountView view = new AccountView();
          view.id = rs.getString(1);
          view.email = rs.getString(2);
          view.displayName = rs.getString(3);
          view.passwordHash = rs.getString(4);
          view.role = rs.getString(5);
          view.status = rs.getString(6);
          view.plan = rs.getString(7);
          view.version = rs.getLong(8);
          view.createdAt = rs.getObject(9, OffsetDateTime.class).toInstant();
          view.updatedAt = rs.getObject(10, OffsetDateTime.class).toInstant();
          rows.put(view.id, view);
        }
      }
    }
    return rows;
  }

  private static Map<String, Long> readTombstones(
      Connection connection, int generation, Set<String> ids) throws SQLException {
    Map<String, Long> tombstones = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id, version FROM " + tombstones(generation) + " WHERE id = ANY(?)")) {
      statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          tombstones.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return tombstones;
  }

  /** Deletes erased accounts' rows and leaves their tombstones, for both write paths. */
  static void erase(Connection connection, String rows, String tombstones, Map<String, Long> erased)
      throws SQLException {
    if (erased.isEmpty()) {
      return;
    }
    try (PreparedStatement delete =
            connection.prepareStatement("DELETE FROM " + rows + " WHERE id = ANY(?)");
        PreparedStatement tombstone =
            connection.prepareStatement(
                "INSERT INTO "
                    + tombstones
                    + " (id, version) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")) {
      delete.setArray(1, connection.createArrayOf("varchar", erased.keySet().toArray()));
      delete.executeUpdate();
      for (Map.Entry<String, Long> entry : erased.entrySet()) {
        tombstone.setString(1, entry.getKey());
        tombstone.setLong(2, entry.getValue());
        tombstone.addBatch();
      }
      tombstone.executeBatch();
    }
  }

  private static void upsert(Connection connection, int generation, List<AccountView> rows)
      throws SQLException {
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      List<AccountView> chunk =
          rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
      StringBuilder sql = new StringBuilder("INSERT INTO ").append(rows(generation));
      sql.append(" (").append(COLUMNS).append(") VALUES ");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?)");
      }
      sql.append(" ON CONFLICT (id) DO UPDATE SET email = excluded.email,")
          .append(" display_name = excluded.display_name, password_hash = excluded.password_hash,")
          .append(" role = excluded.role, status = excluded.status, plan = excluded.plan,")
          .append(" version = excluded.version, created_at = excluded.created_at,")
          .append(" updated_at = excluded.updated_at WHERE ")
          .append(rows(generation))
          .append(".version < excluded.version");
      try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
        int p = 1;
        for (AccountView view : chunk) {
          statement.setString(p++, view.id);
          statement.setString(p++, view.email);
          statement.setString(p++, view.displayName);
          statement.setString(p++, view.passwordHash);
          statement.setString(p++, view.role);
          statement.setString(p++, view.status);
          statement.setString(p++, view.plan);
          statement.setLong(p++, view.version);
          statement.setObject(p++, view.createdAt.atOffset(ZoneOffset.UTC));
          statement.setObject(p++, view.updatedAt.atOffset(ZoneOffset.UTC));
        }
        statement.executeUpdate();
      }
    }
  }

  private static int serving(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT definition FROM pg_views"
                + " WHERE schemaname = current_schema() AND viewname = 'account_view'")) {
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("account_view is not a view: migrations did not run");
        }
        Matcher matcher = GENERATION.matcher(rs.getString(1));
        if (!matcher.find()) {
          throw new IllegalStateException("account_view serves no generation table");
        }
        return Integer.parseInt(matcher.group(1));
      }
    }
  }

  private static String rows(int generation) {
    return "account_view_g" + generation;
  }

  private static String tombstones(int generation) {
    return "account_view_tombstone_g" + generation;
  }
}
