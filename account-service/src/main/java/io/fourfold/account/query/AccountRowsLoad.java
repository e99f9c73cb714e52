package io.fourfold.account.query;

import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountEvent;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.codec.IsoInstants;
import io.fourfold.schema.personal.DataKeys;
import io.fourfold.schema.personal.PersonalData;
import io.fourfold.schema.personal.PersonalDataCipher;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.SecretKey;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The account read model's bulk load into a new generation: batches are folded in memory with the
 * live projector's rules ({@link AccountViewFold}), one entry per account, and written when the
 * loader holds {@code heldAccounts} of them. Held rows keep their personal data sealed (its JSON
 * form) until they are written, so only each field's last value is opened, on both cores; each
 * account's key is read once, with the first batch that has it. Accounts registered since the last
 * flush are written whole; accounts registered before it only have the columns their events
 * changed, merged into their rows by the store, so nothing is read back. Both go through {@code
 * COPY} (into a temporary table and one statement each, or straight into a generation that is still
 * empty), guarded by the version like every other write, so a flush that is repeated (a resumed
 * rebuild reading again from its checkpoint) changes nothing; the accounts are split by id over two
 * transactions written at once.
 */
final class AccountRowsLoad implements RebuildableProjection.BulkLoad {

  private static final Logger LOG = Logger.getLogger(AccountRowsLoad.class);
  private static final Duration KEYS_TIMEOUT = Duration.ofSeconds(30);
  private static final int COPY_CHUNK_CHARS = 1 << 20;
  private static final String COLUMNS =
      "id, email, display_name, password_hash, role, status, plan, version, created_at, updated_at";

  /** Keeps personal data sealed, in its JSON form, until the row is written. */
  private static final AccountViewFold.Opener SEALED = (accountId, value) -> value.encoded();

  private final AgroalDataSource readModel;
  private final AccountDataKeys keys;
  private final String rows;
  private final String tombstones;
  private final int heldAccounts;
  private final Runnable finish;

  /** Accounts changed since the last flush. */
  private final Map<String, Held> held = new HashMap<>();

  /** The keys of the accounts seen since the last flush; null for an erased account's. */
  private final Map<String, SecretKey> keysRead = new HashMap<>();

  /** Whether the generation had no row and no tombstone at the last flush (a new one's first). */
  private boolean empty = true;

  /**
   * One account changed since the last flush: its whole row when it was registered since, the
   * columns its events set otherwise (the rest null), or its erasure.
   */
  private record Held(AccountView view, boolean registered, long erasedAt) {

    static Held whole(AccountView view) {
      return new Held(view, true, -1);
    }

    static Held changes(String id) {
      AccountView view = new AccountView();
      view.id = id;
      return new Held(view, false, -1);
    }

    static Held erased(long sequence) {
      return new Held(null, false, sequence);
    }

    boolean isErased() {
      return erasedAt >= 0;
    }
  }

  AccountRowsLoad(
      AgroalDataSource readModel,
      AccountDataKeys keys,
      String rows,
      String tombstones,
      int heldAccounts,
      Runnable finish) {
    this.readModel = readModel;
    this.keys = keys;
    this.rows = rows;
    this.tombstones = tombstones;
    this.heldAccounts = heldAccounts;
    this.finish = finish;
  }

  @Override
  public boolean add(List<ProjectedEvent> events) {
    readKeys(events);
    for (ProjectedEvent projected : events) {
      if (!(projected.event() instanceof AccountEvent event)) {
        continue;
      }
      String id = projected.aggregateId();
      Held account = held.get(id);
      if (account != null && account.isErased()) {
        continue;
      }
      if (event instanceof AccountRegistered registration) {
        if (account == null) {
          held.put(id, Held.whole(AccountViewFold.registered(registration, projected, SEALED)));
        }
      } else if (event instanceof AccountErased) {
        held.put(id, Held.erased(projected.sequence()));
      } else {
        if (account == null) {
          account = Held.changes(id);
          held.put(id, account);
        }
        AccountViewFold.changed(account.view(), event, projected, SEALED);
      }
    }
    return held.size() >= heldAccounts;
  }

  /**
   * Reads the keys of the batch's accounts that were not seen since the last flush, in one query:
   * while the writer folds, not in the flush that ends a rebuild.
   */
  private void readKeys(List<ProjectedEvent> events) {
    Set<String> unknown = new HashSet<>();
    for (ProjectedEvent projected : events) {
      if (projected.event() instanceof AccountEvent
          && !keysRead.containsKey(projected.aggregateId())) {
        unknown.add(projected.aggregateId());
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    DataKeys read = keys.of(unknown).await().atMost(KEYS_TIMEOUT);
    for (String id : unknown) {
      keysRead.put(id, read.find(id).orElse(null));
    }
  }

  /**
   * Opens the held rows' personal data with their accounts' keys (redacted when a key is gone), in
   * parallel: a cipher keeps its state per thread.
   */
  private void openPersonalData() {
    PersonalDataCipher cipher = new PersonalDataCipher(DataKeys.readOnly(keysRead));
    held.values().parallelStream()
        .filter(account -> !account.isErased())
        .forEach(
            account -> {
              AccountView view = account.view();
              view.email = open(cipher, view.id, view.email);
              view.displayName = open(cipher, view.id, view.displayName);
              view.passwordHash = open(cipher, view.id, view.passwordHash);
            });
  }

  private static String open(PersonalDataCipher cipher, String accountId, String value) {
    return value == null ? null : cipher.openOrRedacted(accountId, PersonalData.parse(value));
  }

  @Override
  public void flush() {
    if (held.isEmpty()) {
      return;
    }
    long began = System.nanoTime();
    openPersonalData();
    long opened = System.nanoTime();
    List<Part> parts = List.of(new Part(), new Part());
    held.forEach((id, account) -> parts.get(Math.floorMod(id.hashCode(), 2)).add(id, account));
    boolean intoEmpty = empty && isEmpty();
    // Two transactions on two connections, so that the store works on both cores: a generation
    // nothing reads yet needs no single commit, and a part written twice (a crash between the two,
    // then a resume) changes nothing the second time.
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    Thread other =
        new Thread(
            () -> {
              try {
                write(parts.get(1), intoEmpty);
              } catch (RuntimeException e) {
                failed.set(e);
              }
            },
            Thread.currentThread().getName() + "-flush");
    other.setDaemon(true);
    other.start();
    write(parts.get(0), intoEmpty);
    try {
      other.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + rows, e);
    }
    if (failed.get() != null) {
      throw failed.get();
    }
    empty = false;
    LOG.debugf(
        "%s: wrote %d registered accounts, %d changed, %d erased in %.1f s (%.1f s opening their"
            + " personal data)",
        rows,
        parts.stream().mapToInt(part -> part.whole.size()).sum(),
        parts.stream().mapToInt(part -> part.changed.size()).sum(),
        parts.stream().mapToInt(part -> part.erased.size()).sum(),
        (System.nanoTime() - began) / 1e9,
        (opened - began) / 1e9);
    held.clear();
    keysRead.clear();
  }

  /** The held accounts one transaction writes. */
  private static final class Part {
    private final List<AccountView> whole = new ArrayList<>();
    private final List<AccountView> changed = new ArrayList<>();
    private final Map<String, Long> erased = new HashMap<>();

    void add(String id, Held account) {
      if (account.isErased()) {
        erased.put(id, account.erasedAt());
      } else {
        (account.registered() ? whole : changed).add(account.view());
      }
    }
  }

  private void write(Part part, boolean intoEmpty) {
    try (Connection connection = readModel.getConnection()) {
      connection.setAutoCommit(false);
      try {
        AccountReadModelGenerations.erase(connection, rows, tombstones, part.erased);
        insertRegistered(connection, part.whole, intoEmpty);
        mergeChanges(connection, part.changed);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot write the account read model's rebuild to " + rows, e);
    }
  }

  @Override
  public void finish() {
    finish.run();
  }

  private boolean isEmpty() {
    try (Connection connection = readModel.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT NOT EXISTS (SELECT 1 FROM "
                    + rows
                    + ") AND NOT EXISTS (SELECT 1 FROM "
                    + tombstones
                    + ")")) {
      rs.next();
      return rs.getBoolean(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + rows, e);
    }
  }

  /**
   * Accounts registered since the last flush, unless erased (a repeated flush after erasure):
   * copied straight into a generation that has nothing yet, merged by id into one that has.
   */
  private void insertRegistered(Connection connection, List<AccountView> whole, boolean intoEmpty)
      throws SQLException {
    if (whole.isEmpty()) {
      return;
    }
    if (intoEmpty) {
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
  private void mergeChanges(Connection connection, List<AccountView> changed) throws SQLException {
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
      throws SQLException {
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

  /**
   * Streams the rows into {@code COPY} a chunk at a time: the whole text of a large flush, held at
   * once and copied into a string, would cost the heap twice its size (about 100 MB for 200,000
   * rows) just when the load holds the most.
   */
  private static void copy(Connection connection, String table, Collection<AccountView> views)
      throws SQLException {
    CopyIn copyIn =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY " + table + " (" + COLUMNS + ") FROM STDIN");
    try {
      StringBuilder chunk = new StringBuilder(COPY_CHUNK_CHARS + 4_096);
      for (AccountView view : views) {
        field(chunk, view.id).append('\t');
        field(chunk, view.email).append('\t');
        field(chunk, view.displayName).append('\t');
        field(chunk, view.passwordHash).append('\t');
        field(chunk, view.role).append('\t');
        field(chunk, view.status).append('\t');
        field(chunk, view.plan).append('\t');
        chunk.append(view.version).append('\t');
        field(chunk, view.createdAt).append('\t');
        field(chunk, view.updatedAt).append('\n');
        if (chunk.length() >= COPY_CHUNK_CHARS) {
          send(copyIn, chunk);
        }
      }
      send(copyIn, chunk);
      copyIn.endCopy();
    } finally {
      if (copyIn.isActive()) {
        copyIn.cancelCopy();
      }
    }
  }

  private static void send(CopyIn copyIn, StringBuilder chunk) throws SQLException {
    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
    copyIn.writeToCopy(bytes, 0, bytes.length);
    chunk.setLength(0);
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
