package io.fourfold.billing.invoice.application;

import io.fourfold.billing.invoice.command.PaymentOutcome;
import io.fourfold.billing.money.Money;
import io.fourfold.schema.consistency.ConsistencyToken;

/** A payment just recorded, and its invoice after it. */
public record RecordedPayment(String paymentId, Money amount, PaymentOutcome invoice) {

  /** The token of the invoice's last event. */
  public ConsistencyToken token() {
    return new ConsistencyToken(invoice.invoiceId(), invoice.version());
  }
}
