package io.fourfold.billing.invoice.domain;

import io.fourfold.billing.money.Money;
import io.fourfold.billing.plan.Plan;
import io.fourfold.schema.billing.InvoiceLine;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Prices the days of an invoice period, plan by plan. A calendar month on a plan costs exactly the
 * plan's monthly price; a part of a month costs its share of it, rounded so that the parts of a
 * month always add up to the month: the first {@code d} days of a month of {@code L} days cost
 * {@code floor(price * d / L)}, and a stretch of days costs the difference of two such prefixes.
 */
public final class Proration {

  private Proration() {}

  /**
   * The lines of the days from {@code start} to {@code end} (both included) on each plan period.
   *
   * @param plans the plan of each plan id in the periods
   * @param currency the invoice's currency, when no line names one
   * @throws MixedCurrencyException when the plans of the period are priced in different currencies
   */
  public static InvoiceDraft invoice(
      List<PlanPeriod> periods,
      Function<String, Plan> plans,
      LocalDate start,
      LocalDate end,
      String currency) {
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end must not be before start");
    }
    LocalDate after = end.plusDays(1);
    List<InvoiceLine> lines = new ArrayList<>();
    String invoiceCurrency = null;
    for (PlanPeriod period : periods) {
      LocalDate from = max(period.from(), start);
      LocalDate until = period.until().map(u -> min(u, after)).orElse(after);
      if (!until.isAfter(from)) {
        continue;
      }
      Plan plan = plans.apply(period.planId());
      String planCurrency = plan.monthlyPrice().currency();
      if (invoiceCurrency != null && !invoiceCurrency.equals(planCurrency)) {
        throw new MixedCurrencyException(invoiceCurrency, planCurrency);
      }
      invoiceCurrency = planCurrency;
      lines.add(
          new InvoiceLine(
              plan.id(),
              from,
              until.minusDays(1),
              Math.toIntExact(ChronoUnit.DAYS.between(from, until)),
              price(plan.monthlyPrice().amountMinor(), from, until)));
    }
    String chosen = Optional.ofNullable(invoiceCurrency).orElse(currency);
    long total = lines.stream().mapToLong(InvoiceLine::amountMinor).reduce(0, Math::addExact);
    return new InvoiceDraft(chosen, List.copyOf(lines), new Money(total, chosen));
  }

  /** The price of the days from {@code from} (included) to {@code until} (excluded). */
  static long price(long monthlyPrice, LocalDate from, LocalDate until) {
    long sum = 0;
    LocalDate day = from;
    while (day.isBefore(until)) {
      LocalDate monthStart = day.withDayOfMonth(1);
      LocalDate nextMonth = monthStart.plusMonths(1);
      LocalDate stop = min(nextMonth, until);
      int length = day.lengthOfMonth();
      long before = ChronoUnit.DAYS.between(monthStart, day);
      long through = ChronoUnit.DAYS.between(monthStart, stop);
      sum =
          Math.addExact(
              sum, prefix(monthlyPrice, through, length) - prefix(monthlyPrice, before, length));
      day = stop;
    }
    return sum;
  }

  /** The price of the first {@code days} days of a month of {@code length} days. */
  private static long prefix(long monthlyPrice, long days, int length) {
    return Math.floorDiv(Math.multiplyExact(monthlyPrice, days), length);
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
