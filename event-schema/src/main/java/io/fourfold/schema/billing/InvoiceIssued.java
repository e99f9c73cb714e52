package io.fourfold.schema.billing;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The invoice of an account for the days {@code periodStart} to {@code periodEnd} (both included)
 * was issued: its lines, prorated to the day, and their total, in minor units of {@code currency}.
 */
@EventType(name = "billing.invoice-issued", revision = 1)
public record InvoiceIssued(
    String invoiceId,
    String accountId,
    LocalDate periodStart,
    LocalDate periodEnd,
    String currency,
    List<InvoiceLine> lines,
    long totalMinor,
    Instant issuedAt)
    implements InvoiceEvent {

  public InvoiceIssued {
    Checks.nonBlank(invoiceId, "invoiceId");
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(periodEnd, "periodEnd");
    Checks.nonBlank(currency, "currency");
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    if (totalMinor != lines.stream().mapToLong(InvoiceLine::amountMinor).sum()) {
      throw new IllegalArgumentException("totalMinor must be the sum of the lines");
    }
    Objects.requireNonNull(issuedAt, "issuedAt");
  }
}
