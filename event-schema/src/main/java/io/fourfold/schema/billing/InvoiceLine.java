package io.fourfold.schema.billing;

import io.fourfold.schema.Checks;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One line of an invoice: the days from {@code from} to {@code to} (both included) spent on one
 * plan, and their price in the invoice's currency, in minor units.
 */
public record InvoiceLine(String planId, LocalDate from, LocalDate to, int days, long amountMinor) {

  public InvoiceLine {
    Checks.nonBlank(planId, "planId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from");
    }
    Checks.positive(days, "days");
    if (amountMinor < 0) {
      throw new IllegalArgumentException("amountMinor must not be negative: " + amountMinor);
    }
  }
}
