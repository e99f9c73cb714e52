package io.fourfold.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The benchmark's own database: created when missing (before Quarkus starts, because the event
 * store creates its tables at start), emptied between runs so every run starts from the same state
 * and nothing ever lands in the stack's {@code eventstore}.
 */
final class BenchDatabase {

  private static final Pattern URL =
      Pattern.compile("^(jdbc:postgresql://[^/]+/)([A-Za-z0-9_]+)(\\?.*)?$");

  private BenchDatabase() {}

  static void createIfMissing(String jdbcUrl, String user, String password) throws SQLException {
    Matcher url = URL.matcher(jdbcUrl);
    if (!url.matches()) {
      throw new IllegalArgumentException(
          "expected jdbc:postgresql://host:port/database: " + jdbcUrl);
    }
    String database = url.group(2);
    if (database.equals("eventstore")) {
      throw new IllegalArgumentException("refusing to benchmark into the stack's eventstore");
    }
    try (Connection admin = DriverManager.getConnection(url.group(1) + "postgres", user, password);
        PreparedStatement exists =
            admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement create = admin.createStatement()) {
        create.execute("CREATE DATABASE " + database);
        System.out.println("created database " + database);
      }
    }
  }

  /** Empties the event and snapshot tables, so every run starts from the same state. */
  static void truncate(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE domainevententry, snapshotevententry RESTART IDENTITY");
      statement.execute("VACUUM ANALYZE domainevententry");
      statement.execute("VACUUM ANALYZE snapshotevententry");
    }
  }

  static long count(DataSource dataSource, String table) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
