package io.fourfold.eventing.privacy;

import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.store.SchemaCreation;
import io.fourfold.schema.personal.DataKeys;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-account keys that encrypt personal data in events, kept in their own table of the event
 * store database, apart from the events. Destroying a key leaves a tombstone, so an erased account
 * can never be given a new key and its old events stay unreadable for good.
 */
@ApplicationScoped
@IfBuildProperty(name = "fourfold.event-store.enabled", stringValue = "true")
public class JdbcDataKeys implements DataKeys {

  private static final int KEY_BYTES = 32;

  private final AgroalDataSource dataSource;
  private final SecureRandom random = new SecureRandom();

  public JdbcDataKeys(@DataSource("eventstore") AgroalDataSource dataSource) {
    this.dataSource = dataSource;
    createTable();
  }

  @Override
  public Optional<SecretKey> find(String accountId) {
    return select(accountId).flatMap(StoredKey::material).map(JdbcDataKeys::aesKey);
  }

  @Override
  public SecretKey findOrCreate(String accountId) {
    Optional<StoredKey> stored = select(accountId);
    if (stored.isEmpty()) {
      byte[] material = new byte[KEY_BYTES];
      random.nextBytes(material);
      insertIfAbsent(accountId, material);
      stored = select(accountId);
    }
    return stored
        .flatMap(StoredKey::material)
        .map(JdbcDataKeys::aesKey)
        .orElseThrow(() -> new DataKeyDestroyedException(accountId));
  }

  @Override
  public void destroy(String accountId) {
    update(
        "INSERT INTO personal_data_key (account_id, key_material, destroyed_at)"
            + " VALUES (?, NULL, now()) ON CONFLICT (account_id)"
            + " DO UPDATE SET key_material = NULL, destroyed_at = now()",
        accountId);
  }

  private record StoredKey(byte[] bytes) {
    Optional<byte[]> material() {
      return Optional.ofNullable(bytes);
    }
  }

  private Optional<StoredKey> select(String accountId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT key_material FROM personal_data_key WHERE account_id = ?")) {
      statement.setString(1, accountId);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(new StoredKey(rs.getBytes(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the data key of " + accountId, e);
    }
  }

  private void insertIfAbsent(String accountId, byte[] material) {
    update(
        "INSERT INTO personal_data_key (account_id, key_material) VALUES (?, ?)"
            + " ON CONFLICT (account_id) DO NOTHING",
        accountId,
        material);
  }

  private void update(String sql, String accountId, byte[]... material) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, accountId);
      for (int i = 0; i < material.length; i++) {
        statement.setBytes(i + 2, material[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot write the data key of " + accountId, e);
    }
  }

  private void createTable() {
    SchemaCreation.inTurn(
        dataSource,
        "the personal_data_key table",
        () -> {
          try (Connection connection = dataSource.getConnection();
              Statement statement = connection.createStatement()) {
            statement.execute(
                "CREATE TABLE IF NOT EXISTS personal_data_key ("
                    + " account_id VARCHAR(255) PRIMARY KEY,"
                    + " key_material BYTEA,"
                    + " created_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
                    + " destroyed_at TIMESTAMPTZ)");
          }
        });
  }

  private static SecretKey aesKey(byte[] material) {
    return new SecretKeySpec(material, "AES");
  }
}
