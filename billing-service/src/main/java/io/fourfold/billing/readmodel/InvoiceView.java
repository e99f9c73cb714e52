package io.fourfold.billing.readmodel;

import io.fourfold.billing.money.Money;
import io.fourfold.schema.billing.InvoiceLine;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An invoice as readers see it.
 *
 * @param status {@code open} or {@code paid}
 * @param version the sequence of the invoice's last event applied
 */
public record InvoiceView(
    String id,
    String accountId,
    LocalDate periodStart,
    LocalDate periodEnd,
    List<InvoiceLine> lines,
    Money total,
    Money paid,
    String status,
    Instant issuedAt,
    long version) {

  /** This invoice with these lines. */
  public InvoiceView withLines(List<InvoiceLine> newLines) {
    return new InvoiceView(
        id,
        accountId,
        periodStart,
        periodEnd,
        List.copyOf(newLines),
        total,
        paid,
        status,
        issuedAt,
        version);
  }
}
