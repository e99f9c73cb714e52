package io.fourfold.billing.subscription.command;

import io.fourfold.billing.subscription.command.SubscriptionOutcome.Change;
import io.fourfold.billing.support.Fixtures;
import io.fourfold.schema.billing.CancelSubscription;
import io.fourfold.schema.billing.ChooseSubscriptionPlan;
import io.fourfold.schema.billing.SubscriptionCancelled;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionStarted;
import java.time.Instant;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subscription aggregate's decisions, in given/when/expect form. */
class SubscriptionTest {

  private static final String ACCOUNT = "5b1f0c9e-1d2a-4c3b-8e4f-5a6b7c8d9e0f";
  private static final String ID = SubscriptionIds.of(ACCOUNT);
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-16T10:00:00Z");

  private FixtureConfiguration<Subscription> fixture;

  @BeforeEach
  void fixture() {
    fixture = Fixtures.of(Subscription.class);
  }

  private static SubscriptionStarted started(String plan, int limit) {
    return new SubscriptionStarted(ID, ACCOUNT, plan, limit, T0);
  }

  @Test
  void theFirstPlanStartsTheSubscription() {
    fixture
        .givenNoPriorActivity()
        .when(new ChooseSubscriptionPlan(ID, ACCOUNT, "pro", 6000, T0))
        .expectEvents(started("pro", 6000))
        .expectResultMessagePayload(new SubscriptionOutcome(Change.STARTED, 0));
  }

  @Test
  void anotherPlanChangesItAndCarriesTheNewRateLimit() {
    fixture
        .given(started("pro", 6000))
        .when(new ChooseSubscriptionPlan(ID, ACCOUNT, "team", 30000, T1))
        .expectEvents(new SubscriptionChanged(ID, ACCOUNT, "pro", "team", 30000, T1))
        .expectResultMessagePayload(new SubscriptionOutcome(Change.CHANGED, 1));
  }

  @Test
  void theSamePlanAgainChangesNothing() {
    fixture
        .given(started("pro", 6000))
        .when(new ChooseSubscriptionPlan(ID, ACCOUNT, "pro", 6000, T1))
        .expectNoEvents()
        .expectResultMessagePayload(new SubscriptionOutcome(Change.UNCHANGED, 0));
  }

  @Test
  void cancellingEndsTheRunningPlan() {
    fixture
        .given(started("pro", 6000))
        .when(new CancelSubscription(ID, ACCOUNT, T1))
        .expectEvents(new SubscriptionCancelled(ID, ACCOUNT, "pro", T1));
  }

  @Test
  void cancellingTwiceChangesNothing() {
    fixture
        .given(started("pro", 6000), new SubscriptionCancelled(ID, ACCOUNT, "pro", T1))
        .when(new CancelSubscription(ID, ACCOUNT, T1))
        .expectNoEvents()
        .expectResultMessagePayload(new SubscriptionOutcome(Change.UNCHANGED, 1));
  }

  @Test
  void aPlanAfterCancellingStartsAgain() {
    fixture
        .given(started("pro", 6000), new SubscriptionCancelled(ID, ACCOUNT, "pro", T1))
        .when(new ChooseSubscriptionPlan(ID, ACCOUNT, "team", 30000, T1))
        .expectEvents(new SubscriptionStarted(ID, ACCOUNT, "team", 30000, T1))
        .expectResultMessagePayload(new SubscriptionOutcome(Change.STARTED, 2));
  }

  @Test
  void anAccountThatNeverSubscribedHasNothingToCancel() {
    fixture
        .givenNoPriorActivity()
        .when(new CancelSubscription(ID, ACCOUNT, T1))
        .expectException(AggregateNotFoundException.class);
  }
}
