package io.fourfold.billing.invoice.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Days an account spent on one plan: from {@code from} (included) until {@code until} (excluded),
 * or still running when {@code until} is empty.
 */
public record PlanPeriod(String planId, LocalDate from, Optional<LocalDate> until) {

  public PlanPeriod {
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (until.isPresent() && until.get().isBefore(from)) {
      throw new IllegalArgumentException("until must not be before from");
    }
  }

  /** A period that ended. */
  public static PlanPeriod closed(String planId, LocalDate from, LocalDate until) {
    return new PlanPeriod(planId, from, Optional.of(until));
  }

  /** A period still running. */
  public static PlanPeriod running(String planId, LocalDate from) {
    return new PlanPeriod(planId, from, Optional.empty());
  }
}
