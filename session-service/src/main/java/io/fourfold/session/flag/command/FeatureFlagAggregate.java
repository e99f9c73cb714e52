package io.fourfold.session.flag.command;

import io.fourfold.eventing.store.AggregateRegistration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Registers the feature flag aggregate with the event store. */
public class FeatureFlagAggregate {

  @Produces
  @Singleton
  AggregateRegistration featureFlag() {
    return new AggregateRegistration(FeatureFlag.class);
  }
}
