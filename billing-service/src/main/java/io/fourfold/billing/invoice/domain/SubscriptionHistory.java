package io.fourfold.billing.invoice.domain;

import io.fourfold.schema.billing.SubscriptionCancelled;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionEvent;
import io.fourfold.schema.billing.SubscriptionStarted;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a subscription's events into the plan periods invoices are prorated from. Billing counts
 * whole UTC days: a plan chosen on a day is billed from that day, a plan left on a day is not
 * billed for it.
 */
public final class SubscriptionHistory {

  private SubscriptionHistory() {}

  /** The periods the events describe, in order; zero-day periods are left out. */
  public static List<PlanPeriod> periods(List<? extends SubscriptionEvent> events) {
    List<PlanPeriod> periods = new ArrayList<>();
    String planId = null;
    LocalDate since = null;
    for (SubscriptionEvent event : events) {
      if (event instanceof SubscriptionStarted started) {
        planId = started.planId();
        since = day(started.startedAt());
      } else if (event instanceof SubscriptionChanged changed && planId != null) {
        LocalDate day = day(changed.changedAt());
        close(periods, planId, since, day);
        planId = changed.planId();
        since = day.isBefore(since) ? since : day;
      } else if (event instanceof SubscriptionCancelled cancelled && planId != null) {
        close(periods, planId, since, day(cancelled.cancelledAt()));
        planId = null;
        since = null;
      }
    }
    if (planId != null) {
      periods.add(PlanPeriod.running(planId, since));
    }
    return List.copyOf(periods);
  }

  private static void close(List<PlanPeriod> periods, String planId, LocalDate from, LocalDate to) {
    if (to.isAfter(from)) {
      periods.add(PlanPeriod.closed(planId, from, to));
    }
  }

  private static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }
}
