package io.fourfold.blob.blobs.command;

import io.fourfold.eventing.store.AggregateRegistration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Registers the blob aggregate with the event store. */
public class BlobAggregate {

  @Produces
  @Singleton
  AggregateRegistration blob() {
    return new AggregateRegistration(Blob.class);
  }
}
