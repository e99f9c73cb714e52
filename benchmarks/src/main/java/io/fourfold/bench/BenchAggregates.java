package io.fourfold.bench;

import io.fourfold.eventing.store.AggregateRegistration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Registers the benchmark aggregate with Fourfold's event store, as a service registers its own.
 */
public class BenchAggregates {

  @Produces
  @Singleton
  AggregateRegistration benchAccount() {
    return new AggregateRegistration(BenchAccount.class);
  }
}
