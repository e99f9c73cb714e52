package io.fourfold.billing.invoice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fourfold.billing.money.Money;
import io.fourfold.billing.plan.Plan;
import io.fourfold.schema.billing.InvoiceLine;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Worked examples of proration; {@link ProrationProperties} checks the rules in general. */
class ProrationTest {

  static final Plan FREE = new Plan("free", "Free", new Money(0, "EUR"), 600);
  static final Plan PRO = new Plan("pro", "Pro", new Money(2900, "EUR"), 6000);
  static final Plan TEAM = new Plan("team", "Team", new Money(9900, "EUR"), 30000);
  static final Plan DOLLARS = new Plan("usd", "Dollars", new Money(1000, "USD"), 600);
  static final Map<String, Plan> PLANS =
      Map.of("free", FREE, "pro", PRO, "team", TEAM, "usd", DOLLARS);

  private static final LocalDate JAN_1 = LocalDate.parse("2026-01-01");
  private static final LocalDate JAN_31 = LocalDate.parse("2026-01-31");

  private static InvoiceDraft invoice(List<PlanPeriod> periods, LocalDate start, LocalDate end) {
    return Proration.invoice(periods, PLANS::get, start, end, "EUR");
  }

  @Test
  void aWholeMonthOnOnePlanCostsTheMonthlyPrice() {
    InvoiceDraft draft = invoice(List.of(PlanPeriod.running("pro", JAN_1)), JAN_1, JAN_31);

    assertThat(draft.lines()).containsExactly(new InvoiceLine("pro", JAN_1, JAN_31, 31, 2900));
    assertThat(draft.total()).isEqualTo(new Money(2900, "EUR"));
  }

  @Test
  void aChangeInTheMiddleOfAMonthSplitsItByTheDay() {
    LocalDate jan16 = LocalDate.parse("2026-01-16");
    InvoiceDraft draft =
        invoice(
            List.of(PlanPeriod.closed("pro", JAN_1, jan16), PlanPeriod.running("team", jan16)),
            JAN_1,
            JAN_31);

    // 15 of 31 days on pro: floor(2900 * 15 / 31) = 1403; the other 16 on team:
    // 9900 - floor(9900 * 15 / 31) = 9900 - 4790 = 5110.
    assertThat(draft.lines())
        .containsExactly(
            new InvoiceLine("pro", JAN_1, LocalDate.parse("2026-01-15"), 15, 1403),
            new InvoiceLine("team", jan16, JAN_31, 16, 5110));
    assertThat(draft.total().amountMinor()).isEqualTo(6513);
  }

  @Test
  void aPeriodAcrossTwoMonthsPricesEachDayByItsOwnMonth() {
    // Feb 2026 has 28 days, March 31: Feb 15..Mar 14 is 14 days of each.
    InvoiceDraft draft =
        invoice(
            List.of(PlanPeriod.running("pro", JAN_1)),
            LocalDate.parse("2026-02-15"),
            LocalDate.parse("2026-03-14"));

    long february = 2900 - 2900 * 14 / 28;
    long march = 2900 * 14 / 31;
    assertThat(draft.total().amountMinor()).isEqualTo(february + march);
    assertThat(draft.lines()).singleElement().extracting(InvoiceLine::days).isEqualTo(28);
  }

  @Test
  void daysWithoutASubscriptionAreNotBilled() {
    LocalDate jan10 = LocalDate.parse("2026-01-10");
    LocalDate jan20 = LocalDate.parse("2026-01-20");
    InvoiceDraft draft = invoice(List.of(PlanPeriod.closed("pro", jan10, jan20)), JAN_1, JAN_31);

    assertThat(draft.lines())
        .containsExactly(
            new InvoiceLine(
                "pro", jan10, LocalDate.parse("2026-01-19"), 10, 2900 * 19 / 31 - 2900 * 9 / 31));
  }

  @Test
  void anInvoiceOfAnAccountThatNeverSubscribedIsEmptyAndFree() {
    InvoiceDraft draft = invoice(List.of(), JAN_1, JAN_31);

    assertThat(draft.lines()).isEmpty();
    assertThat(draft.total()).isEqualTo(Money.zero("EUR"));
  }

  @Test
  void plansInTwoCurrenciesCannotShareAnInvoice() {
    LocalDate jan16 = LocalDate.parse("2026-01-16");
    List<PlanPeriod> periods =
        List.of(PlanPeriod.closed("pro", JAN_1, jan16), PlanPeriod.running("usd", jan16));

    assertThatThrownBy(() -> invoice(periods, JAN_1, JAN_31))
        .isInstanceOf(MixedCurrencyException.class);
  }

  @Test
  void anEndBeforeTheStartIsRefused() {
    assertThatThrownBy(() -> invoice(List.of(), JAN_31, JAN_1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
