package io.fourfold.schema.billing;

import io.fourfold.schema.AggregateCommand;
import io.fourfold.schema.Checks;
import java.time.Instant;
import java.util.Objects;

/** Pay {@code amountMinor} (minor units of {@code currency}) towards an invoice. */
public record PayInvoice(
    String invoiceId, String paymentId, long amountMinor, String currency, Instant at)
    implements AggregateCommand {

  public PayInvoice {
    Checks.nonBlank(invoiceId, "invoiceId");
    Checks.nonBlank(paymentId, "paymentId");
    if (amountMinor <= 0) {
      throw new IllegalArgumentException("amountMinor must be positive: " + amountMinor);
    }
    Checks.nonBlank(currency, "currency");
    Objects.requireNonNull(at, "at");
  }

  @Override
  public String aggregateId() {
    return invoiceId;
  }

  /** Payments serialize on the invoice; each is checked against its latest state. */
  @Override
  public Long expectedVersion() {
    return null;
  }
}
