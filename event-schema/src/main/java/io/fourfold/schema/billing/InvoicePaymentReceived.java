package io.fourfold.schema.billing;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.Objects;

/** A payment of {@code amountMinor} (minor units of {@code currency}) towards an invoice. */
@EventType(name = "billing.invoice-payment-received", revision = 1)
public record InvoicePaymentReceived(
    String invoiceId,
    String accountId,
    String paymentId,
    long amountMinor,
    String currency,
    Instant receivedAt)
    implements InvoiceEvent {

  public InvoicePaymentReceived {
    Checks.nonBlank(invoiceId, "invoiceId");
    Checks.nonBlank(accountId, "accountId");
    Checks.nonBlank(paymentId, "paymentId");
    if (amountMinor <= 0) {
      throw new IllegalArgumentException("amountMinor must be positive: " + amountMinor);
    }
    Checks.nonBlank(currency, "currency");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
