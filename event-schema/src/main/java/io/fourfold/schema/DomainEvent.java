package io.fourfold.schema;

/**
 * Any event an aggregate writes to the event store.
 *
 * <p>{@link #aggregateId()} is deliberately not a bean getter, so Jackson does not write it as a
 * field: it is derived from the record's own id component.
 */
public interface DomainEvent {

  /** The id of the aggregate whose stream this event belongs to; also the Kafka key. */
  String aggregateId();
}
