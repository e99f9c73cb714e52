package io.fourfold.billing.invoice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fourfold.billing.money.Money;
import io.fourfold.billing.plan.Plan;
import io.fourfold.schema.billing.InvoiceLine;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The rules of proration, for any history of plan changes and any period. */
class ProrationProperties {

  private static final LocalDate EPOCH = LocalDate.parse("2024-01-01");

  /** A random history: plan periods one after another, with gaps, the last maybe still running. */
  record History(List<PlanPeriod> periods, Map<String, Plan> plans) {}

  /** A period to invoice, inside the four years the histories span. */
  record Period(LocalDate start, LocalDate end) {}

  @Provide
  Arbitrary<History> histories() {
    Arbitrary<Long> prices = Arbitraries.longs().between(0, 10_000_000);
    Arbitrary<List<Long>> planPrices = prices.list().ofMinSize(1).ofMaxSize(4);
    Arbitrary<List<int[]>> steps =
        Combinators.combine(
                Arbitraries.integers().between(0, 60),
                Arbitraries.integers().between(1, 400),
                Arbitraries.integers().between(0, 3))
            .as((gap, length, plan) -> new int[] {gap, length, plan})
            .list()
            .ofMaxSize(8);
    return Combinators.combine(planPrices, steps, Arbitraries.of(true, false))
        .as(ProrationProperties::history);
  }

  private static History history(List<Long> prices, List<int[]> steps, boolean lastRuns) {
    Map<String, Plan> plans = new java.util.HashMap<>();
    for (int i = 0; i < prices.size(); i++) {
      plans.put("p" + i, new Plan("p" + i, "Plan " + i, new Money(prices.get(i), "EUR"), 100));
    }
    List<PlanPeriod> periods = new ArrayList<>();
    LocalDate day = EPOCH;
    for (int i = 0; i < steps.size(); i++) {
      int[] step = steps.get(i);
      LocalDate from = day.plusDays(step[0]);
      String plan = "p" + (step[2] % prices.size());
      if (lastRuns && i == steps.size() - 1) {
        periods.add(PlanPeriod.running(plan, from));
      } else {
        periods.add(PlanPeriod.closed(plan, from, from.plusDays(step[1])));
      }
      day = from.plusDays(step[1]);
    }
    return new History(periods, plans);
  }

  @Provide
  Arbitrary<Period> periods() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 4 * 365), Arbitraries.integers().between(0, 400))
        .as(
            (offset, length) ->
                new Period(EPOCH.plusDays(offset), EPOCH.plusDays(offset + length)));
  }

  private static InvoiceDraft invoice(History history, LocalDate start, LocalDate end) {
    return Proration.invoice(history.periods(), history.plans()::get, start, end, "EUR");
  }

  @Property
  void theTotalIsTheSumOfTheLines(
      @ForAll("histories") History history, @ForAll("periods") Period period) {
    InvoiceDraft draft = invoice(history, period.start(), period.end());

    assertThat(draft.total().amountMinor())
        .isEqualTo(draft.lines().stream().mapToLong(InvoiceLine::amountMinor).sum());
    assertThat(draft.lines()).allSatisfy(line -> assertThat(line.amountMinor()).isNotNegative());
  }

  @Property
  void linesStayInsideThePeriodInOrderWithoutOverlapAndCountTheirDays(
      @ForAll("histories") History history, @ForAll("periods") Period period) {
    List<InvoiceLine> lines = invoice(history, period.start(), period.end()).lines();

    LocalDate previousEnd = period.start().minusDays(1);
    for (InvoiceLine line : lines) {
      assertThat(line.from()).isAfter(previousEnd);
      assertThat(line.to()).isBeforeOrEqualTo(period.end());
      assertThat(line.days()).isEqualTo(ChronoUnit.DAYS.between(line.from(), line.to()) + 1);
      previousEnd = line.to();
    }
  }

  @Property
  void splittingAPeriodInTwoNeverGainsOrLosesAMinorUnit(
      @ForAll("histories") History history,
      @ForAll("periods") Period period,
      @ForAll @IntRange(min = 0, max = 400) int cut) {
    long days = ChronoUnit.DAYS.between(period.start(), period.end());
    LocalDate lastOfFirst = period.start().plusDays(days == 0 ? 0 : cut % (days + 1));
    if (!lastOfFirst.isBefore(period.end())) {
      return;
    }
    long whole = invoice(history, period.start(), period.end()).total().amountMinor();
    long first = invoice(history, period.start(), lastOfFirst).total().amountMinor();
    long second = invoice(history, lastOfFirst.plusDays(1), period.end()).total().amountMinor();

    assertThat(first + second).isEqualTo(whole);
  }

  @Property
  void wholeCalendarMonthsOnOnePlanCostExactlyTheMonthlyPriceEach(
      @ForAll @LongRange(min = 0, max = 100_000_000) long price,
      @ForAll @IntRange(min = 0, max = 47) int firstMonth,
      @ForAll @IntRange(min = 1, max = 12) int months) {
    Plan plan = new Plan("p", "P", new Money(price, "EUR"), 100);
    YearMonth first = YearMonth.from(EPOCH).plusMonths(firstMonth);
    LocalDate start = first.atDay(1);
    LocalDate end = first.plusMonths(months - 1).atEndOfMonth();

    InvoiceDraft draft =
        Proration.invoice(List.of(PlanPeriod.running("p", EPOCH)), id -> plan, start, end, "EUR");

    assertThat(draft.total().amountMinor()).isEqualTo(price * months);
  }

  @Property
  void aLineNeverCostsMoreThanItsPlansPriceForEachMonthItTouches(
      @ForAll("histories") History history, @ForAll("periods") Period period) {
    for (InvoiceLine line : invoice(history, period.start(), period.end()).lines()) {
      long price = history.plans().get(line.planId()).monthlyPrice().amountMinor();
      long months =
          ChronoUnit.MONTHS.between(YearMonth.from(line.from()), YearMonth.from(line.to())) + 1;

      assertThat(line.amountMinor()).isLessThanOrEqualTo(price * months);
    }
  }

  @Property
  void aPeriodWithoutSubscribedDaysIsFree(@ForAll("periods") Period period) {
    InvoiceDraft draft =
        Proration.invoice(
            List.of(),
            id -> {
              throw new AssertionError("no plan is needed");
            },
            period.start(),
            period.end(),
            "EUR");

    assertThat(draft.lines()).isEmpty();
    assertThat(draft.total()).isEqualTo(Money.zero("EUR"));
  }
}
