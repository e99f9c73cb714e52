package io.fourfold.search.document;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountProfileChanged;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountRole;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.billing.InvoiceIssued;
import io.fourfold.schema.billing.InvoiceLine;
import io.fourfold.schema.billing.InvoicePaid;
import io.fourfold.schema.billing.InvoicePaymentReceived;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionStarted;
import io.fourfold.schema.blob.BlobDeleted;
import io.fourfold.schema.blob.BlobUploaded;
import io.fourfold.schema.personal.PersonalDataCipher;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the streams that feed one account's search document, each event with its aggregate
 * sequence and a global index, as the relay would publish them.
 */
public final class AccountEvents {

  public static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
  private static final AtomicLong GLOBAL = new AtomicLong(System.currentTimeMillis() * 1000);

  private final PersonalDataCipher cipher;
  private final String accountId = UUID.randomUUID().toString();
  private final Map<String, Long> sequences = new java.util.HashMap<>();
  private final List<ProjectedEvent> all = new ArrayList<>();

  public AccountEvents(PersonalDataCipher cipher) {
    this.cipher = cipher;
  }

  public String accountId() {
    return accountId;
  }

  /** Every event built so far, in the order built. */
  public List<ProjectedEvent> all() {
    return List.copyOf(all);
  }

  public ProjectedEvent registered(String email, String displayName, Instant at) {
    return add(
        new AccountRegistered(
            accountId,
            cipher.seal(accountId, email),
            cipher.seal(accountId, displayName),
            cipher.seal(accountId, "$2a$10$hash"),
            AccountRole.USER,
            at));
  }

  public ProjectedEvent renamed(String displayName) {
    return add(new AccountProfileChanged(accountId, cipher.seal(accountId, displayName), AT));
  }

  public ProjectedEvent suspended() {
    return add(new AccountSuspended(accountId, "test", AT));
  }

  public ProjectedEvent erased() {
    return add(new AccountErased(accountId, AT));
  }

  public ProjectedEvent subscribed(String subscriptionId, String plan) {
    return add(new SubscriptionStarted(subscriptionId, accountId, plan, 600, AT));
  }

  public ProjectedEvent planChanged(String subscriptionId, String from, String to) {
    return add(new SubscriptionChanged(subscriptionId, accountId, from, to, 600, AT));
  }

  public ProjectedEvent invoiced(String invoiceId, long totalMinor) {
    LocalDate day = LocalDate.of(2026, 3, 1);
    return add(
        new InvoiceIssued(
            invoiceId,
            accountId,
            day,
            day.plusDays(30),
            "EUR",
            List.of(new InvoiceLine("pro", day, day.plusDays(30), 31, totalMinor)),
            totalMinor,
            AT));
  }

  public ProjectedEvent paid(String invoiceId, long amountMinor) {
    return add(
        new InvoicePaymentReceived(
            invoiceId, accountId, UUID.randomUUID().toString(), amountMinor, "EUR", AT));
  }

  public ProjectedEvent settled(String invoiceId) {
    return add(new InvoicePaid(invoiceId, accountId, AT));
  }

  public ProjectedEvent uploaded(String blobId) {
    return add(
        new BlobUploaded(
            blobId, accountId, "objects/" + blobId, 3, "a".repeat(64), "text/plain", AT));
  }

  public ProjectedEvent deleted(String blobId) {
    return add(new BlobDeleted(blobId, accountId, AT));
  }

  private ProjectedEvent add(DomainEvent event) {
    long sequence = sequences.merge(event.aggregateId(), 0L, (held, zero) -> held + 1);
    ProjectedEvent projected =
        new ProjectedEvent(
            event,
            UUID.randomUUID().toString(),
            event.aggregateId(),
            sequence,
            GLOBAL.incrementAndGet(),
            AT,
            Map.of());
    all.add(projected);
    return projected;
  }
}
