package io.fourfold.account.application;

import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.Digests;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Which account holds which email: the one rule that spans accounts. Kept beside the events (same
 * database, same transaction as the command), as a hash so the table itself names no one; an erased
 * account's claim is deleted.
 */
@ApplicationScoped
public class EmailClaims {

  private static final String UNIQUE_VIOLATION = "23505";

  private final AgroalDataSource dataSource;

  public EmailClaims(@DataSource("eventstore") AgroalDataSource dataSource) {
    this.dataSource = dataSource;
    createTable();
  }

  /**
   * Claims {@code email} for the account, releasing the account's previous email.
   *
   * @throws EmailTakenException when another account holds it
   */
  public void claim(String accountId, String email) {
    byte[] hash = hash(email);
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement release =
          connection.prepareStatement(
              "DELETE FROM account_email_claim WHERE account_id = ? AND email_hash <> ?")) {
        release.setString(1, accountId);
        release.setBytes(2, hash);
        release.executeUpdate();
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO account_email_claim (email_hash, account_id) VALUES (?, ?)"
                  + " ON CONFLICT (email_hash) DO UPDATE SET account_id = excluded.account_id"
                  + " WHERE account_email_claim.account_id = excluded.account_id")) {
        insert.setBytes(1, hash);
        insert.setString(2, accountId);
        if (insert.executeUpdate() == 0) {
          throw new EmailTakenException();
        }
      }
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new EmailTakenException();
      }
      throw new IllegalStateException("Cannot claim an email", e);
    }
  }

  /** Releases every email the account holds. */
  public void releaseAll(String accountId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM account_email_claim WHERE account_id = ?")) {
      delete.setString(1, accountId);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot release the emails of " + accountId, e);
    }
  }

  private static byte[] hash(String email) {
    return Digests.sha256(email.trim().toLowerCase(Locale.ROOT));
  }

  private void createTable() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS account_email_claim ("
              + " email_hash BYTEA PRIMARY KEY,"
              + " account_id VARCHAR(64) NOT NULL)");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the account_email_claim table", e);
    }
  }
}
