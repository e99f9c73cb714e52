package io.fourfold.billing.subscription.application;

import io.fourfold.billing.infrastructure.AggregateLocks;
import io.fourfold.billing.plan.Plan;
import io.fourfold.billing.subscription.command.SubscriptionIds;
import io.fourfold.billing.subscription.command.SubscriptionOutcome;
import io.fourfold.eventing.store.AxonEventStore;
import io.fourfold.schema.billing.CancelSubscription;
import io.fourfold.schema.billing.ChooseSubscriptionPlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The subscription use cases: each sends one command to the account's subscription, one at a time
 * per subscription.
 */
@ApplicationScoped
public class SubscriptionCommands {

  private final AxonEventStore eventStore;
  private final AggregateLocks locks;
  private final Clock clock = Clock.systemUTC();

  public SubscriptionCommands(AxonEventStore eventStore, AggregateLocks locks) {
    this.eventStore = eventStore;
    this.locks = locks;
  }

  /** Puts the account on the plan: starts its subscription or changes its plan. */
  @Transactional
  public SubscriptionResult choose(String accountId, Plan plan) {
    String id = SubscriptionIds.of(accountId);
    locks.lock(id);
    SubscriptionOutcome outcome =
        eventStore
            .commands()
            .sendAndWait(
                new ChooseSubscriptionPlan(
                    id, accountId, plan.id(), plan.rateLimitPerMinute(), now()));
    return new SubscriptionResult(id, accountId, plan.id(), outcome);
  }

  /** Ends the account's subscription. */
  @Transactional
  public SubscriptionResult cancel(String accountId) {
    String id = SubscriptionIds.of(accountId);
    locks.lock(id);
    SubscriptionOutcome outcome =
        eventStore.commands().sendAndWait(new CancelSubscription(id, accountId, now()));
    return new SubscriptionResult(id, accountId, null, outcome);
  }

  private Instant now() {
    // The read model keeps microseconds; events should say what later reads show.
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
