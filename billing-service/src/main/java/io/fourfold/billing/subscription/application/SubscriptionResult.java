package io.fourfold.billing.subscription.application;

import io.fourfold.billing.subscription.command.SubscriptionOutcome;
import io.fourfold.schema.consistency.ConsistencyToken;

/** What a subscription command did, with the token a client sends back to read it. */
public record SubscriptionResult(
    String subscriptionId, String accountId, String planId, SubscriptionOutcome outcome) {

  /** The token of the subscription's last event. */
  public ConsistencyToken token() {
    return new ConsistencyToken(subscriptionId, Math.max(outcome.version(), 0));
  }
}
