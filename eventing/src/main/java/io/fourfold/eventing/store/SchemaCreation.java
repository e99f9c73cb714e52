package io.fourfold.eventing.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Creates tables in the event store database one service at a time. Every service creates what it
 * needs there at start ({@code CREATE TABLE IF NOT EXISTS}), and on an empty database they start
 * together: two such statements for one table at once make the slower one fail on PostgreSQL's
 * catalog ("duplicate key value violates unique constraint pg_type_typname_nsp_index"). A session
 * advisory lock, held on a connection of its own around the creation, puts them in a row.
 */
public final class SchemaCreation {

  // "FFSC": Fourfold schema creation; a key no other advisory lock of the suite uses.
  private static final long LOCK = 0x4646_5343L;

  private SchemaCreation() {}

  /** The creation's statements, which may use connections of their own. */
  @FunctionalInterface
  public interface Creation {
    void run() throws SQLException;
  }

  /** Runs {@code creation} while no other service creates tables in this database. */
  public static void inTurn(DataSource dataSource, String what, Creation creation) {
    try (Connection lock = dataSource.getConnection();
        Statement statement = lock.createStatement()) {
      statement.execute("SELECT pg_advisory_lock(" + LOCK + ")");
      try {
        creation.run();
      } finally {
        statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create " + what, e);
    }
  }
}
