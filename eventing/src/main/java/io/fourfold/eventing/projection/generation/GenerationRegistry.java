package io.fourfold.eventing.projection.generation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Every projection's generations, and who holds each projection's rebuild lock, in the event
 * store's database: the one database every service that owns a projection reaches, and the one
 * whose positions the checkpoints count.
 *
 * <p>The lock is a PostgreSQL session advisory lock: it dies with the connection, so a crashed
 * rebuild never leaves a stale lock behind, and a second run cannot take it while the first lives.
 * Its holder is written next to it so that the second run can name the first.
 */
final class GenerationRegistry {

  static final String BUILDING = "building";
  static final String ACTIVE = "active";
  static final String RETIRED = "retired";

  /** An arbitrary first key of the two-key advisory lock, so ours never collide with others'. */
  private static final int LOCK_SPACE = 0x5EB1;

  private final DataSource eventStore;

  GenerationRegistry(DataSource eventStore) {
    this.eventStore = eventStore;
  }

  /** Creates the registry's tables once, safely when services start together. */
  void migrate() throws SQLException {
    try (Connection connection = eventStore.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_SPACE + ", 0)");
        statement.execute(
            "CREATE TABLE IF NOT EXISTS projection_generation ("
                + " projection VARCHAR(100) NOT NULL,"
                + " generation INT NOT NULL CHECK (generation > 0),"
                + " state VARCHAR(16) NOT NULL,"
                + " checkpoint BIGINT NOT NULL DEFAULT 0,"
                + " built_from BIGINT NOT NULL DEFAULT 0,"
                + " created_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
                + " switched_at TIMESTAMPTZ,"
                + " PRIMARY KEY (projection, generation))");
        statement.execute(
            "CREATE TABLE IF NOT EXISTS projection_rebuild_holder ("
                + " projection VARCHAR(100) PRIMARY KEY,"
                + " holder TEXT NOT NULL,"
                + " since TIMESTAMPTZ NOT NULL)");
      }
      connection.commit();
    }
  }

  /** A projection's generations, oldest first; generation 1 is active when none is recorded. */
  List<GenerationReport> generations(RebuildableProjection projection) throws SQLException {
    List<GenerationReport> reports = new ArrayList<>();
    try (Connection connection = eventStore.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT generation, state, checkpoint, created_at, switched_at"
                    + " FROM projection_generation WHERE projection = ? ORDER BY generation")) {
      statement.setString(1, projection.name());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          int generation = rs.getInt(1);
          reports.add(
              new GenerationReport(
                  generation,
                  rs.getString(2),
                  projection.location(generation),
                  rs.getLong(3),
                  instant(rs.getTimestamp(4)),
                  instant(rs.getTimestamp(5))));
        }
      }
    }
    if (reports.stream().noneMatch(g -> g.state().equals(ACTIVE))) {
      int serving = projection.servingGeneration();
      reports.add(
          new GenerationReport(serving, ACTIVE, projection.location(serving), 0, null, null));
    }
    return reports;
  }

  /** Records a generation (or changes an existing one's state and checkpoint). */
  void record(String projection, int generation, String state, long checkpoint, long builtFrom)
      throws SQLException {
    try (Connection connection = eventStore.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "INSERT INTO projection_generation"
                    + " (projection, generation, state, checkpoint, built_from)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (projection, generation) DO UPDATE"
                    + " SET state = excluded.state, checkpoint = excluded.checkpoint")) {
      statement.setString(1, projection);
      statement.setInt(2, generation);
      statement.setString(3, state);
      statement.setLong(4, checkpoint);
      statement.setLong(5, builtFrom);
      statement.executeUpdate();
    }
  }

  /** Moves a building generation's checkpoint on. */
  void checkpoint(String projection, int generation, long checkpoint) throws SQLException {
    try (Connection connection = eventStore.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "UPDATE projection_generation SET checkpoint = ?"
                    + " WHERE projection = ? AND generation = ?")) {
      statement.setLong(1, checkpoint);
      statement.setString(2, projection);
      statement.setInt(3, generation);
      statement.executeUpdate();
    }
  }

  /**
   * Records a switch in one transaction: {@code to} becomes active, {@code from} retired, each with
   * the global index up to which it holds every event.
   */
  void switched(String projection, int from, long fromCheckpoint, int to, long toCheckpoint)
      throws SQLException {
    try (Connection connection = eventStore.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement =
          connection.prepareStatement(
              "INSERT INTO projection_generation"
                  + " (projection, generation, state, checkpoint, switched_at)"
                  + " VALUES (?, ?, ?, ?, now()) ON CONFLICT (projection, generation) DO UPDATE"
                  + " SET state = excluded.state, checkpoint = excluded.checkpoint,"
                  + " switched_at = now()")) {
        for (int generation : new int[] {from, to}) {
          statement.setString(1, projection);
          statement.setInt(2, generation);
          statement.setString(3, generation == to ? ACTIVE : RETIRED);
          statement.setLong(4, generation == to ? toCheckpoint : fromCheckpoint);
          statement.addBatch();
        }
        statement.executeBatch();
      }
      connection.commit();
    }
  }

  /** Forgets a dropped generation. */
  void forget(String projection, int generation) throws SQLException {
    try (Connection connection = eventStore.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "DELETE FROM projection_generation WHERE projection = ? AND generation = ?")) {
      statement.setString(1, projection);
      statement.setInt(2, generation);
      statement.executeUpdate();
    }
  }

  /** The projection's building generation, if a rebuild stopped before it switched. */
  Optional<GenerationReport> building(RebuildableProjection projection) throws SQLException {
    return generations(projection).stream().filter(g -> g.state().equals(BUILDING)).findFirst();
  }

  /** The row's built_from: where the building generation's first read started. */
  long builtFrom(String projection, int generation) throws SQLException {
    try (Connection connection = eventStore.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT built_from FROM projection_generation"
                    + " WHERE projection = ? AND generation = ?")) {
      statement.setString(1, projection);
      statement.setInt(2, generation);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /**
   * Takes the projection's lock for one operation, or throws naming who holds it.
   *
   * @throws RebuildBusyException when another operation on the projection runs, here or elsewhere
   */
  Lock lock(String projection, String holder) throws SQLException {
    Connection connection = eventStore.getConnection();
    try {
      boolean taken;
      try (PreparedStatement statement =
          connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
        statement.setInt(1, LOCK_SPACE);
        statement.setString(2, projection);
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          taken = rs.getBoolean(1);
        }
      }
      if (!taken) {
        String current = holder(connection, projection).orElse("another process (holder unknown)");
        connection.close();
        throw new RebuildBusyException(projection, current);
      }
      try (PreparedStatement statement =
          connection.prepareStatement(
              "INSERT INTO projection_rebuild_holder (projection, holder, since)"
                  + " VALUES (?, ?, now()) ON CONFLICT (projection) DO UPDATE"
                  + " SET holder = excluded.holder, since = excluded.since")) {
        statement.setString(1, projection);
        statement.setString(2, holder);
        statement.executeUpdate();
      }
      return new Lock(connection, projection);
    } catch (SQLException | RuntimeException e) {
      if (!connection.isClosed()) {
        connection.close();
      }
      throw e;
    }
  }

  private static Optional<String> holder(Connection connection, String projection)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT holder, since FROM projection_rebuild_holder WHERE projection = ?")) {
      statement.setString(1, projection);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next()
            ? Optional.of(rs.getString(1) + " since " + rs.getTimestamp(2).toInstant())
            : Optional.empty();
      }
    }
  }

  /** A held lock; closing it releases it (and so does the connection's end, on a crash). */
  static final class Lock implements AutoCloseable {
    private final Connection connection;
    private final String projection;

    private Lock(Connection connection, String projection) {
      this.connection = connection;
      this.projection = projection;
    }

    @Override
    public void close() {
      try (connection) {
        try (PreparedStatement statement =
            connection.prepareStatement(
                "DELETE FROM projection_rebuild_holder WHERE projection = ?")) {
          statement.setString(1, projection);
          statement.executeUpdate();
        }
        try (PreparedStatement statement =
            connection.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
          statement.setInt(1, LOCK_SPACE);
          statement.setString(2, projection);
          statement.execute();
        }
      } catch (SQLException e) {
        // The connection is gone, and the advisory lock with it.
      }
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
