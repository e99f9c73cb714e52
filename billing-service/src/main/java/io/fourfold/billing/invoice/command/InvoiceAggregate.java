package io.fourfold.billing.invoice.command;

import io.fourfold.eventing.store.AggregateRegistration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Registers the invoice aggregate with the event store. */
public class InvoiceAggregate {

  @Produces
  @Singleton
  AggregateRegistration invoice() {
    return new AggregateRegistration(Invoice.class);
  }
}
