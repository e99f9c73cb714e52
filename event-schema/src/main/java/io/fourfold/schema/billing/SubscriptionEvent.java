package io.fourfold.schema.billing;

import io.fourfold.schema.DomainEvent;

/**
 * An event of an account's subscription aggregate. The aggregate id is the subscription id, not the
 * account id (an account is its own aggregate in the same store); each event names the account it
 * bills, and carries the plan's rate limit so that session-service needs no copy of the catalogue.
 */
public sealed interface SubscriptionEvent extends DomainEvent
    permits SubscriptionStarted, SubscriptionChanged, SubscriptionCancelled {

  /** The subscription, which is the aggregate id. */
  String subscriptionId();

  /** The account the subscription bills. */
  String accountId();

  @Override
  default String aggregateId() {
    return subscriptionId();
  }
}
