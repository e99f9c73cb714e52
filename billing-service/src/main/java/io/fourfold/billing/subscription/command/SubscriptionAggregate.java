package io.fourfold.billing.subscription.command;

import io.fourfold.eventing.store.AggregateRegistration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Registers the subscription aggregate with the event store. */
public class SubscriptionAggregate {

  @Produces
  @Singleton
  AggregateRegistration subscription() {
    return new AggregateRegistration(Subscription.class);
  }
}
