package io.fourfold.billing.invoice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fourfold.schema.billing.SubscriptionCancelled;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionStarted;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionHistoryTest {

  private static final String SUB = "9d1c5e0a-0000-3000-8000-000000000001";
  private static final String ACCOUNT = "9d1c5e0a-0000-4000-8000-000000000002";

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  @Test
  void aPlanIsBilledFromTheDayItIsChosenUntilTheDayItIsLeft() {
    List<PlanPeriod> periods =
        SubscriptionHistory.periods(
            List.of(
                new SubscriptionStarted(SUB, ACCOUNT, "pro", 6000, at("2026-01-03T22:00:00Z")),
                new SubscriptionChanged(
                    SUB, ACCOUNT, "pro", "team", 30000, at("2026-01-16T00:30:00Z")),
                new SubscriptionCancelled(SUB, ACCOUNT, "team", at("2026-02-01T12:00:00Z"))));

    assertThat(periods)
        .containsExactly(
            PlanPeriod.closed("pro", LocalDate.parse("2026-01-03"), LocalDate.parse("2026-01-16")),
            PlanPeriod.closed(
                "team", LocalDate.parse("2026-01-16"), LocalDate.parse("2026-02-01")));
  }

  @Test
  void aRunningSubscriptionHasAnOpenPeriodAndARestartStartsAnother() {
    List<PlanPeriod> periods =
        SubscriptionHistory.periods(
            List.of(
                new SubscriptionStarted(SUB, ACCOUNT, "pro", 6000, at("2026-01-01T10:00:00Z")),
                new SubscriptionCancelled(SUB, ACCOUNT, "pro", at("2026-01-05T10:00:00Z")),
                new SubscriptionStarted(SUB, ACCOUNT, "team", 30000, at("2026-01-20T10:00:00Z"))));

    assertThat(periods)
        .containsExactly(
            PlanPeriod.closed("pro", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-05")),
            PlanPeriod.running("team", LocalDate.parse("2026-01-20")));
  }

  @Test
  void aPlanKeptLessThanADayIsNotBilled() {
    List<PlanPeriod> periods =
        SubscriptionHistory.periods(
            List.of(
                new SubscriptionStarted(SUB, ACCOUNT, "pro", 6000, at("2026-01-01T10:00:00Z")),
                new SubscriptionChanged(
                    SUB, ACCOUNT, "pro", "team", 30000, at("2026-01-01T11:00:00Z"))));

    assertThat(periods).containsExactly(PlanPeriod.running("team", LocalDate.parse("2026-01-01")));
  }
}
