package io.fourfold.account.query;

import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountEvent;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.codec.IsoInstants;
import io.fourfold.schema.personal.DataKeys;
import io.fourfold.schema.personal.PersonalDataCipher;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * The account read model's bulk load into a new generation: batches are folded in memory with the
 * live projector's rules ({@link AccountViewFold}), one entry per account, and written when the
 * loader holds {@code heldAccounts} of them. Accounts registered since the last flush are written
 * whole; accounts registered before it only have the columns their events changed, merged into
 * their rows by the store, so nothing is read back. Both go through {@code COPY} into a temporary
 * table and one statement each, guarded by the version like every other write, so a flush that is
 * repeated (a resumed rebuild reading again from its checkpoint) changes nothing.
 */
final class AccountRowsLoad implements RebuildableProjection.BulkLoad {

  private static final Logger LOG = Logger.getLogger(AccountRowsLoad.class);
  private static final Duration KEYS_TIMEOUT = Duration.ofSeconds(30);
  private static final String COLUMNS =
      "id, email, display_name, password_hash, role, status, plan, version, created_at, updated_at";

  private final AgroalDataSource readModel;
  private final AccountDataKeys keys;
  private final String rows;
  private final String tombstones;
  private final int heldAccounts;
  private final Runnable finish;

  /** Whether the generation had no row and no tombstone at the last flush (a new one's first). */
  private boolean empty = true;

  /** Accounts changed since the last flush; {@link #registered} tells whole rows from changes. */
  private final Map<String, AccountView> held = new HashMap<>();

  private final Set<String> registered = new HashSet<>();
  private final Map<String, Long> erased = new HashMap<>();

  /** Keys read since the last flush; an empty one for an account whose key is destroyed. */
  private final Map<String, Optional<SecretKey>> knownKeys = new HashMap<>();

  AccountRowsLoad(
      AgroalDataSource readModel,
      AccountDataKeys keys,
      String rows,
      String tombstones,
      int heldAccounts,
      Runnable finish) {
    this.readModel = readModel;
    this.finish = finish;
    this.keys = keys;
    this.rows = rows;
    this.tombstones = tombstones;
    this.heldAccounts = heldAccounts;
  }

  @Override
  public boolean add(List<ProjectedEvent> events) {
    Set<String> ids = new LinkedHashSet<>();
    for (ProjectedEvent projected : events) {
      if (projected.event() instanceof AccountEvent
          && !erased.containsKey(projected.aggregateId())) {
        ids.add(projected.aggregateId());
      }
    }
    if (ids.isEmpty()) {
      return false;
    }
    PersonalDataCipher cipher = new PersonalDataCipher(keysOf(ids));
    for (ProjectedEvent projected : events) {
      String id = projected.aggregateId();
      if (!(projected.event() instanceof AccountEvent event) || erased.containsKey(id)) {
        continue;
      }
      if (event instanceof AccountRegistered registration) {
        if (registered.add(id)) {
          held.put(id, AccountViewFold.registered(registration, projected, cipher));
        }
      } else if (event instanceof AccountErased) {
        erased.put(id, projected.sequence());
        held.remove(id);
        registered.remove(id);
      } else {
        AccountViewFold.changed(
            held.computeIfAbsent(id, AccountRowsLoad::changes), event, projected, cipher);
      }
    }
    return held.size() + erased.size() >= heldAccounts;
  }

  /**
   * The accounts' keys, read from the event store only for accounts not seen since the last flush:
   * most events change an account an earlier batch already had.
   */
  private DataKeys keysOf(Set<String> ids) {
    if (knownKeys.size() > heldAccounts) {
      knownKeys.clear();
    }
    List<String> unknown = ids.stream().filter(id -> !knownKeys.containsKey(id)).toList();
    if (!unknown.isEmpty()) {
      DataKeys read = keys.of(unknown).await().atMost(KEYS_TIMEOUT);
      for (String id : unknown) {
        knownKeys.put(id, read.find(id));
      }
    }
    return new DataKeys() {
      @Override
      public Optional<SecretKey> find(String accountId) {
        return knownKeys.getOrDefault(accountId, Optional.empty());
      }

      @Override
      public SecretKey findOrCreate(String accountId) {
        throw new UnsupportedOperationException("a rebuild never creates keys");
      }

      @Override
      public void destroy(String accountId) {
        throw new UnsupportedOperationException("a rebuild never destroys keys");
      }
    };
  }

  /** An account whose row was written before: only what its events set, the rest null. */
  private static AccountView changes(String id) {
    AccountView view = new AccountView();
    view.id = id;
    return view;
  }

  @Override
  public void flush() {
    if (held.isEmpty() && erased.isEmpty()) {
      return;
    }
    long began = System.nanoTime();
    try (Connection connection = readModel.getConnection()) {
      connection.setAutoCommit(false);
      try {
        empty = empty && isEmpty(connection);
        erase(connection);
        insertRegistered(connection);
        mergeChanges(connection);
        connection.commit();
        empty = false;
      } catch (SQLException | IOException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException(
          "cannot write the account read model's rebuild to " + rows, e);
    }
    LOG.debugf(
        "%s: wrote %d registered accounts, %d changed, %d erased in %.1f s",
        rows,
        registered.size(),
        held.size() - registered.size(),
        erased.size(),
        (System.nanoTime() - began) / 1e9);
    held.clear();
    knownKeys.clear();
    registered.clear();
    erased.clear();
  }

  private void erase(Connection connection) throws SQLException {
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

  @Override
  public void finish() {
    finish.run();
  }

  private boolean isEmpty(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT NOT EXISTS (SELECT 1 FROM "
                    + rows
                    + ") AND NOT EXISTS (SELECT 1 FROM "
                    + tombstones
                    + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /**
   * Accounts registered since the last flush, unless erased (a repeated flush after erasure):
   * copied straight into a generation that has nothing yet, merged by id into one that has.
   */
  private void insertRegistered(Connection connection) throws SQLException, IOException {
    List<AccountView> whole =
        held.values().stream().filter(v -> registered.contains(v.id)).toList();
    if (whole.isEmpty()) {
      return;
    }
    if (empty) {
      copy(connection, rows, whole);
      return;
    }
    stage(connection, "account_rows_load", whole);
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO "
              + rows
              + " ("
              + COLUMNS
              + ") SELECT "
              + COLUMNS
              + " FROM account_rows_load s WHERE NOT EXISTS (SELECT 1 FROM "
              + tombstones
              + " t WHERE t.id = s.id) ON CONFLICT (id) DO UPDATE SET email = excluded.email,"
              + " display_name = excluded.display_name, password_hash = excluded.password_hash,"
              + " role = excluded.role, status = excluded.status, plan = excluded.plan,"
              + " version = excluded.version, created_at = excluded.created_at,"
              + " updated_at = excluded.updated_at WHERE "
              + rows
              + ".version < excluded.version");
    }
  }

  /** Accounts registered before the last flush: the columns their events set, merged. */
  private void mergeChanges(Connection connection) throws SQLException, IOException {
    List<AccountView> changed =
        held.values().stream().filter(v -> !registered.contains(v.id)).toList();
    if (changed.isEmpty()) {
      return;
    }
    stage(connection, "account_changes_load", changed);
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE "
              + rows
              + " r SET email = coalesce(c.email, r.email),"
              + " display_name = coalesce(c.display_name, r.display_name),"
              + " password_hash = coalesce(c.password_hash, r.password_hash),"
              + " status = coalesce(c.status, r.status),"
              + " version = c.version, updated_at = c.updated_at"
              + " FROM account_changes_load c WHERE r.id = c.id AND r.version < c.version");
    }
  }

  /** Copies rows into a temporary table of the read model's columns, dropped at commit. */
  private static void stage(Connection connection, String table, Collection<AccountView> views)
      throws SQLException, IOException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TEMPORARY TABLE "
              + table
              + " (id varchar(64), email varchar(320), display_name varchar(200),"
              + " password_hash varchar(200), role varchar(16), status varchar(16),"
              + " plan varchar(64), version bigint, created_at timestamptz,"
              + " updated_at timestamptz) ON COMMIT DROP");
    }
    copy(connection, table, views);
    try (Statement statement = connection.createStatement()) {
      // Temporary tables are never analysed on their own; without statistics the merge's join
      // may be planned as if the table were tiny.
      statement.execute("ANALYZE " + table);
    }
  }

  private static void copy(Connection connection, String table, Collection<AccountView> views)
      throws SQLException, IOException {
    StringBuilder copy = new StringBuilder(views.size() * 256);
    for (AccountView view : views) {
      field(copy, view.id).append('\t');
      field(copy, view.email).append('\t');
      field(copy, view.displayName).append('\t');
      field(copy, view.passwordHash).append('\t');
      field(copy, view.role).append('\t');
      field(copy, view.status).append('\t');
      field(copy, view.plan).append('\t');
      copy.append(view.version).append('\t');
      field(copy, view.createdAt).append('\t');
      field(copy, view.updatedAt).append('\n');
    }
    connection
        .unwrap(PGConnection.class)
        .getCopyAPI()
        .copyIn(
            "COPY " + table + " (" + COLUMNS + ") FROM STDIN", new StringReader(copy.toString()));
  }

  /** A value in COPY's text format: null as \N, the format's separators escaped. */
  private static StringBuilder field(StringBuilder copy, Object value) {
    if (value == null) {
      return copy.append("\\N");
    }
    if (value instanceof Instant instant) {
      return IsoInstants.append(copy, instant);
    }
    String text = value.toString();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> copy.append("\\\\");
        case '\t' -> copy.append("\\t");
        case '\n' -> copy.append("\\n");
        case '\r' -> copy.append("\\r");
        default -> copy.append(c);
      }
    }
    return copy;
  }
}
