package io.fourfold.blob.exports.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.fourfold.blob.exports.projection.ExportDocument.BlobEntry;
import io.fourfold.blob.exports.projection.ExportDocument.Invoice;
import io.fourfold.blob.exports.projection.ExportDocument.Payment;
import io.fourfold.blob.exports.projection.ExportDocument.Profile;
import io.fourfold.blob.exports.projection.ExportDocument.SubscriptionChange;
import io.fourfold.schema.personal.PersonalData;
import io.fourfold.schema.personal.PersonalDataCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an account's export material, as the fold left it, into an export document; personal data
 * is opened here, with the account's key, and only here.
 */
@ApplicationScoped
public class ExportMaterial {

  private final AgroalDataSource dataSource;
  private final PersonalDataCipher cipher;
  private final ObjectMapper json;

  public ExportMaterial(AgroalDataSource dataSource, PersonalDataCipher cipher, ObjectMapper json) {
    this.dataSource = dataSource;
    this.cipher = cipher;
    this.json = json;
  }

  /** Whether the projection saw the account erased. */
  public boolean isErased(String accountId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement query =
            c.prepareStatement("SELECT 1 FROM export_erased_account WHERE account_id = ?")) {
      query.setString(1, accountId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the material of " + accountId, e);
    }
  }

  public ExportDocument document(String exportId, String accountId, Instant generatedAt) {
    try (Connection c = dataSource.getConnection()) {
      return new ExportDocument(
          exportId,
          accountId,
          generatedAt,
          profile(c, accountId),
          subscriptionHistory(c, accountId),
          invoices(c, accountId),
          blobs(c, accountId));
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("Cannot read the material of " + accountId, e);
    }
  }

  private Profile profile(Connection c, String accountId) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT email, display_name, role, status, registered_at FROM export_account"
                + " WHERE account_id = ?")) {
      query.setString(1, accountId);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        return new Profile(
            open(accountId, rows.getString(1)),
            open(accountId, rows.getString(2)),
            rows.getString(3),
            rows.getString(4),
            instant(rows.getTimestamp(5)));
      }
    }
  }

  private List<SubscriptionChange> subscriptionHistory(Connection c, String accountId)
      throws SQLException {
    List<SubscriptionChange> changes = new ArrayList<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT subscription_id, change, plan_id, previous_plan_id, changed_at"
                + " FROM export_subscription_change WHERE account_id = ?"
                + " ORDER BY changed_at, subscription_id, sequence")) {
      query.setString(1, accountId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          changes.add(
              new SubscriptionChange(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  instant(rows.getTimestamp(5))));
        }
      }
    }
    return changes;
  }

  private List<Invoice> invoices(Connection c, String accountId)
      throws SQLException, JsonProcessingException {
    Map<String, List<Payment>> payments = payments(c, accountId);
    List<Invoice> invoices = new ArrayList<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT invoice_id, period_start, period_end, currency, total_minor, lines::text,"
                + " issued_at, paid_at FROM export_invoice WHERE account_id = ?"
                + " ORDER BY period_start, invoice_id")) {
      query.setString(1, accountId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String id = rows.getString(1);
          invoices.add(
              new Invoice(
                  id,
                  rows.getDate(2).toLocalDate(),
                  rows.getDate(3).toLocalDate(),
                  rows.getString(4),
                  rows.getLong(5),
                  json.readTree(rows.getString(6)),
                  instant(rows.getTimestamp(7)),
                  instant(rows.getTimestamp(8)),
                  payments.getOrDefault(id, List.of())));
        }
      }
    }
    return invoices;
  }

  private Map<String, List<Payment>> payments(Connection c, String accountId) throws SQLException {
    Map<String, List<Payment>> payments = new HashMap<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT invoice_id, payment_id, amount_minor, currency, received_at"
                + " FROM export_payment WHERE account_id = ? ORDER BY received_at, payment_id")) {
      query.setString(1, accountId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          payments
              .computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
              .add(
                  new Payment(
                      rows.getString(2),
                      rows.getLong(3),
                      rows.getString(4),
                      instant(rows.getTimestamp(5))));
        }
      }
    }
    return payments;
  }

  private List<BlobEntry> blobs(Connection c, String accountId) throws SQLException {
    List<BlobEntry> blobs = new ArrayList<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT blob_id, size, sha256, content_type, uploaded_at FROM export_blob"
                + " WHERE account_id = ? ORDER BY uploaded_at, blob_id")) {
      query.setString(1, accountId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          blobs.add(
              new BlobEntry(
                  rows.getString(1),
                  rows.getLong(2),
                  rows.getString(3),
                  rows.getString(4),
                  instant(rows.getTimestamp(5))));
        }
      }
    }
    return blobs;
  }

  private String open(String accountId, String sealed) {
    return sealed == null ? null : cipher.openOrRedacted(accountId, PersonalData.parse(sealed));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
