package io.fourfold.account.command;

import io.fourfold.eventing.store.AggregateRegistration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Registers the account aggregate with the event store. */
public class AccountAggregate {

  @Produces
  @Singleton
  AggregateRegistration account() {
    return new AggregateRegistration(Account.class);
  }
}
