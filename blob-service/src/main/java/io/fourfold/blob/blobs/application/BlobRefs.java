package io.fourfold.blob.blobs.application;

import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.store.SchemaCreation;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The live blobs and the objects they reference, kept beside the events (same database, same
 * transaction as the blob's command), like account-service's email claims: reads of a blob right
 * after its upload are exact, and whether an object is still referenced is decided under a lock per
 * object, so a delete never removes bytes that a concurrent upload of the same bytes relies on.
 */
@ApplicationScoped
public class BlobRefs {

  private final AgroalDataSource dataSource;

  public BlobRefs(@DataSource("eventstore") AgroalDataSource dataSource) {
    this.dataSource = dataSource;
    createTable();
  }

  /** Waits for, then holds until the current transaction ends, the lock of one object. */
  public void lockObject(String objectKey) {
    UUID hash =
        UUID.nameUUIDFromBytes(("blob-object:" + objectKey).getBytes(StandardCharsets.UTF_8));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      lock.setLong(1, hash.getMostSignificantBits());
      lock.execute();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot lock object " + objectKey, e);
    }
  }

  public void insert(BlobRef ref) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO blob_ref (blob_id, account_id, object_key, size, sha256,"
                    + " content_type, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, ref.blobId());
      insert.setString(2, ref.accountId());
      insert.setString(3, ref.objectKey());
      insert.setLong(4, ref.size());
      insert.setString(5, ref.sha256());
      insert.setString(6, ref.contentType());
      insert.setTimestamp(7, Timestamp.from(ref.uploadedAt()));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record blob " + ref.blobId(), e);
    }
  }

  public Optional<BlobRef> find(String blobId) {
    List<BlobRef> found = select("WHERE blob_id = ?", blobId);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The account's live blobs. */
  public List<BlobRef> ofAccount(String accountId) {
    return select("WHERE account_id = ? ORDER BY uploaded_at, blob_id", accountId);
  }

  /** Forgets a blob; false when it was not live. */
  public boolean delete(String blobId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM blob_ref WHERE blob_id = ?")) {
      delete.setString(1, blobId);
      return delete.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot delete blob " + blobId, e);
    }
  }

  /** Whether any live blob references the object. */
  public boolean isReferenced(String objectKey) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("SELECT 1 FROM blob_ref WHERE object_key = ? LIMIT 1")) {
      query.setString(1, objectKey);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the references of " + objectKey, e);
    }
  }

  private List<BlobRef> select(String where, String parameter) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT blob_id, account_id, object_key, size, sha256, content_type, uploaded_at"
                    + " FROM blob_ref "
                    + where)) {
      query.setString(1, parameter);
      List<BlobRef> refs = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          refs.add(
              new BlobRef(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getLong(4),
                  rows.getString(5),
                  rows.getString(6),
                  rows.getTimestamp(7).toInstant()));
        }
      }
      return refs;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read blobs", e);
    }
  }

  private void createTable() {
    // Several instances may start at once: in turn with every other table of the event store.
    SchemaCreation.inTurn(
        dataSource,
        "the blob_ref table",
        () -> {
          try (Connection connection = dataSource.getConnection();
              Statement statement = connection.createStatement()) {
            statement.execute(
                "CREATE TABLE IF NOT EXISTS blob_ref ("
                    + " blob_id VARCHAR(255) PRIMARY KEY,"
                    + " account_id VARCHAR(255) NOT NULL,"
                    + " object_key VARCHAR(1024) NOT NULL,"
                    + " size BIGINT NOT NULL,"
                    + " sha256 VARCHAR(64) NOT NULL,"
                    + " content_type VARCHAR(255) NOT NULL,"
                    + " uploaded_at TIMESTAMPTZ NOT NULL)");
            statement.execute(
                "CREATE INDEX IF NOT EXISTS blob_ref_object_key ON blob_ref (object_key)");
            statement.execute(
                "CREATE INDEX IF NOT EXISTS blob_ref_account_id ON blob_ref (account_id)");
          }
        });
  }
}
