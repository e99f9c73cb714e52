package io.fourfold.schema.billing;

import io.fourfold.schema.Checks;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Issue the invoice of an account for a period, with lines already prorated from its history. */
public record IssueInvoice(
    String invoiceId,
    String accountId,
    LocalDate periodStart,
    LocalDate periodEnd,
    String currency,
    List<InvoiceLine> lines,
    Instant at) {

  public IssueInvoice {
    Checks.nonBlank(invoiceId, "invoiceId");
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(periodEnd, "periodEnd");
    if (periodEnd.isBefore(periodStart)) {
      throw new IllegalArgumentException("periodEnd must not be before periodStart");
    }
    Checks.nonBlank(currency, "currency");
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    Objects.requireNonNull(at, "at");
  }

  /** The sum of the lines. */
  public long totalMinor() {
    return lines.stream().mapToLong(InvoiceLine::amountMinor).sum();
  }
}
