package io.fourfold.billing.api;

import static io.fourfold.billing.support.Api.as;
import static io.fourfold.billing.support.Billing.issue;
import static io.fourfold.billing.support.Billing.subscribe;
import static io.fourfold.billing.support.Billing.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fourfold.billing.infrastructure.Streams;
import io.fourfold.billing.readmodel.BillingReadModelProjector;
import io.fourfold.billing.subscription.command.SubscriptionIds;
import io.fourfold.billing.support.TestAccounts;
import io.fourfold.billing.support.TestEvents;
import io.fourfold.schema.billing.SubscriptionCancelled;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionEvent;
import io.fourfold.schema.billing.SubscriptionStarted;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What subscriptions leave in the event store (what session-service and invoices read), and
 * invoices prorated from a history with changes in the middle of the period.
 */
@QuarkusTest
class SubscriptionEventsApiTest {

  @Inject TestAccounts accounts;
  @Inject TestEvents events;
  @Inject Streams streams;
  @Inject BillingReadModelProjector projector;

  @Test
  void planChoicesAreEventsCarryingThePlansRateLimitThatReachTheTopic() {
    String id = accounts.register();
    subscribe(id, "pro");
    subscribe(id, "team");
    as(id).delete(subscription(id)).then().statusCode(204);
    String subscriptionId = SubscriptionIds.of(id);

    List<SubscriptionEvent> history = streams.events(subscriptionId, SubscriptionEvent.class);

    assertThat(history).hasSize(3);
    assertThat(history.get(0))
        .isInstanceOfSatisfying(
            SubscriptionStarted.class,
            started -> {
              assertThat(started.accountId()).isEqualTo(id);
              assertThat(started.planId()).isEqualTo("pro");
              assertThat(started.rateLimitPerMinute()).isEqualTo(6000);
            });
    assertThat(history.get(1))
        .isInstanceOfSatisfying(
            SubscriptionChanged.class,
            changed -> {
              assertThat(changed.previousPlanId()).isEqualTo("pro");
              assertThat(changed.planId()).isEqualTo("team");
              assertThat(changed.rateLimitPerMinute()).isEqualTo(30000);
            });
    assertThat(history.get(2))
        .isInstanceOfSatisfying(
            SubscriptionCancelled.class,
            cancelled -> assertThat(cancelled.planId()).isEqualTo("team"));
    // The read model is fed from Kafka only: having applied the last event, it went through.
    await()
        .atMost(TestAccounts.PROJECTION_DEADLINE)
        .until(() -> projector.appliedSequence(subscriptionId).await().indefinitely() == 2);
  }

  @Test
  void anInvoiceProratesEveryPlanChangeOfItsPeriodToTheDay() {
    String id = accounts.register();
    String subscriptionId = SubscriptionIds.of(id);
    events.append(
        "Subscription",
        subscriptionId,
        List.of(
            new SubscriptionStarted(
                subscriptionId, id, "pro", 6000, Instant.parse("2026-01-01T08:00:00Z")),
            new SubscriptionChanged(
                subscriptionId, id, "pro", "team", 30000, Instant.parse("2026-01-16T12:00:00Z")),
            new SubscriptionCancelled(
                subscriptionId, id, "team", Instant.parse("2026-02-10T00:00:00Z"))));

    ExtractableResponse<Response> january =
        issue(id, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-31"));
    ExtractableResponse<Response> february =
        issue(id, LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28"));

    // January: 15 of 31 days on pro (floor(2900*15/31) = 1403), 16 on team (9900 - 4790 = 5110).
    assertThat(january.<List<String>>path("lines.planId")).containsExactly("pro", "team");
    assertThat(january.<List<Integer>>path("lines.days")).containsExactly(15, 16);
    assertThat(january.<List<Integer>>path("lines.amount.amountMinor")).containsExactly(1403, 5110);
    assertThat(january.<Integer>path("total.amountMinor")).isEqualTo(6513);
    // February: team until the cancellation on the 10th, so 9 of 28 days: floor(9900*9/28) = 3182.
    assertThat(february.<List<String>>path("lines.to")).containsExactly("2026-02-09");
    assertThat(february.<Integer>path("total.amountMinor")).isEqualTo(3182);
  }

  @Test
  void splittingAPeriodAroundAChangeBillsEveryDayOnce() {
    String id = accounts.register();
    String subscriptionId = SubscriptionIds.of(id);
    events.append(
        "Subscription",
        subscriptionId,
        List.of(
            new SubscriptionStarted(
                subscriptionId, id, "team", 30000, Instant.parse("2026-03-01T00:00:00Z")),
            new SubscriptionChanged(
                subscriptionId, id, "team", "pro", 6000, Instant.parse("2026-03-20T23:59:59Z"))));

    int whole =
        issue(id, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"))
            .path("total.amountMinor");
    int firstPart =
        issue(id, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-19"))
            .path("total.amountMinor");
    int secondPart =
        issue(id, LocalDate.parse("2026-03-20"), LocalDate.parse("2026-03-31"))
            .path("total.amountMinor");

    // 19 days of team, then 12 of pro (the change on the 20th counts from the 20th).
    assertThat(whole).isEqualTo(9900 * 19 / 31 + (2900 - 2900 * 19 / 31));
    assertThat(firstPart + secondPart).isEqualTo(whole);
  }
}
