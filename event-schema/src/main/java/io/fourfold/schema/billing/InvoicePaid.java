package io.fourfold.schema.billing;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.Objects;

/** The invoice is paid in full (at issue, when its total is zero). */
@EventType(name = "billing.invoice-paid", revision = 1)
public record InvoicePaid(String invoiceId, String accountId, Instant paidAt)
    implements InvoiceEvent {

  public InvoicePaid {
    Checks.nonBlank(invoiceId, "invoiceId");
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(paidAt, "paidAt");
  }
}
