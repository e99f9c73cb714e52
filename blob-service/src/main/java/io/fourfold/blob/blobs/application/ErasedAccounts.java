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

  private static final String UNDEFINED_TABLE = "42P01";

  private final AgroalDataSource dataSource;

  public ErasedAccounts(@DataSource("eventstore") AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  public boolean isErased(String accountId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT 1 FROM personal_data_key WHERE account_id = ? AND key_material IS NULL")) {
      query.setString(1, accountId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      if (UNDEFINED_TABLE.equals(e.getSQLState())) {
        // No key was ever made here, so none was destroyed.
        return false;
      }
      throw new IllegalStateException("Cannot read whether " + accountId + " was erased", e);
    }
  }
}
