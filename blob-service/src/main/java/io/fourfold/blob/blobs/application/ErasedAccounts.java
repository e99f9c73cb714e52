package io.fourfold.blob.blobs.application;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether an account was erased, read from the tombstone of its personal-data key in the event
 * store, which account-service destroys in the very transaction that records the erasure: exact at
 * once, long before blob-service's own consumers hear of the erasure.
 */
@ApplicationScoped
public class ErasedAccounts {

  private final AgroalDataSource dataSource;
  // Once the key table exists it stays; until then no account has a key, so none was erased.
  private volatile boolean keysExist;

  public ErasedAccounts(@DataSource("eventstore") AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  public boolean isErased(String accountId) {
    try (Connection connection = dataSource.getConnection()) {
      if (!keysExist && !keysExist(connection)) {
        return false;
      }
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT 1 FROM personal_data_key WHERE account_id = ? AND key_material IS NULL")) {
        query.setString(1, accountId);
        try (ResultSet rows = query.executeQuery()) {
          return rows.next();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read whether " + accountId + " was erased", e);
    }
  }

  /** Asked without naming the table, so that a transaction this runs in stays usable. */
  private boolean keysExist(Connection connection) throws SQLException {
    try (PreparedStatement query =
            connection.prepareStatement("SELECT to_regclass('personal_data_key') IS NOT NULL");
        ResultSet rows = query.executeQuery()) {
      keysExist = rows.next() && rows.getBoolean(1);
      return keysExist;
    }
  }
}
