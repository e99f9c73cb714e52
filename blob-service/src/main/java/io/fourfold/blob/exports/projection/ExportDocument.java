package io.fourfold.blob.exports.projection;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An export: everything Fourfold holds about one account, as JSON.
 *
 * @param profile null when the account is not known (yet)
 */
public record ExportDocument(
    String exportId,
    String accountId,
    Instant generatedAt,
    Profile profile,
    List<SubscriptionChange> subscriptionHistory,
    List<Invoice> invoices,
    List<BlobEntry> blobs) {

  /** The account's profile, personal data opened. */
  public record Profile(
      String email, String displayName, String role, String status, Instant registeredAt) {}

  /** One change of a subscription: {@code started}, {@code changed} or {@code cancelled}. */
  public record SubscriptionChange(
      String subscriptionId, String change, String planId, String previousPlanId, Instant at) {}

  /** An invoice as issued, with the payments towards it. */
  public record Invoice(
      String invoiceId,
      LocalDate periodStart,
      LocalDate periodEnd,
      String currency,
      long totalMinor,
      JsonNode lines,
      Instant issuedAt,
      Instant paidAt,
      List<Payment> payments) {}

  /** A payment towards an invoice. */
  public record Payment(String paymentId, long amountMinor, String currency, Instant receivedAt) {}

  /** A blob the account holds (its bytes are downloaded through the blobs API). */
  public record BlobEntry(
      String id, long size, String sha256, String contentType, Instant uploadedAt) {}
}
