package io.fourfold.blob.exports.command;

import io.fourfold.eventing.store.AggregateRegistration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Registers the export aggregate with the event store. */
public class ExportAggregate {

  @Produces
  @Singleton
  AggregateRegistration export() {
    return new AggregateRegistration(Export.class);
  }
}
