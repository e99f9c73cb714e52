package io.fourfold.eventing.store;

/**
 * Declares an event-sourced aggregate of a service; a service produces one of these as a CDI bean
 * per aggregate type and the event store wires it up (caching, snapshots, command routing).
 */
public record AggregateRegistration(Class<?> aggregateType) {}
