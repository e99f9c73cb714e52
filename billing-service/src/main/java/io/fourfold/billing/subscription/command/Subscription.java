package io.fourfold.billing.subscription.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import io.fourfold.schema.billing.CancelSubscription;
import io.fourfold.schema.billing.ChooseSubscriptionPlan;
import io.fourfold.schema.billing.SubscriptionCancelled;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionStarted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * An account's subscription, one per account for its whole life: started, moved between plans,
 * cancelled and possibly started again. Its history is what invoices are prorated from.
 */
public class Subscription {

  @AggregateIdentifier private String subscriptionId;
  private String accountId;
  private String planId;
  private boolean running;

  /** For Axon, which rebuilds a subscription from its events or creates it on the first plan. */
  protected Subscription() {}

  /** Starts the subscription, or moves it to another plan; the same plan again changes nothing. */
  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public SubscriptionOutcome handle(ChooseSubscriptionPlan command) {
    if (!running) {
      apply(
          new SubscriptionStarted(
              command.subscriptionId(),
              command.accountId(),
              command.planId(),
              command.rateLimitPerMinute(),
              command.at()));
      return new SubscriptionOutcome(SubscriptionOutcome.Change.STARTED, getVersion());
    }
    if (command.planId().equals(planId)) {
      return new SubscriptionOutcome(SubscriptionOutcome.Change.UNCHANGED, getVersion());
    }
    apply(
        new SubscriptionChanged(
            subscriptionId,
            accountId,
            planId,
            command.planId(),
            command.rateLimitPerMinute(),
            command.at()));
    return new SubscriptionOutcome(SubscriptionOutcome.Change.CHANGED, getVersion());
  }

  /** Ends the running subscription; cancelling one that is not running changes nothing. */
  @CommandHandler
  public SubscriptionOutcome handle(CancelSubscription command) {
    if (!running) {
      return new SubscriptionOutcome(SubscriptionOutcome.Change.UNCHANGED, getVersion());
    }
    apply(new SubscriptionCancelled(subscriptionId, accountId, planId, command.at()));
    return new SubscriptionOutcome(SubscriptionOutcome.Change.CANCELLED, getVersion());
  }

  @EventSourcingHandler
  void on(SubscriptionStarted event) {
    subscriptionId = event.subscriptionId();
    accountId = event.accountId();
    planId = event.planId();
    running = true;
  }

  @EventSourcingHandler
  void on(SubscriptionChanged event) {
    planId = event.planId();
  }

  @EventSourcingHandler
  void on(SubscriptionCancelled event) {
    running = false;
  }
}
