package io.fourfold.schema;

/**
 * Names of the Kafka record headers the relay writes beside each event's JSON, so consumers can
 * route, deduplicate and decode without parsing the payload.
 *
 * <p>Every value is UTF-8 text: numbers in decimal, instants in ISO-8601 (UTC). The relay also
 * copies each {@link EventMetadata} entry into a header of the same name.
 */
public final class EventHeaders {

  /** The event's {@link EventType#name()}. */
  public static final String EVENT_TYPE = "fourfold-event-type";

  /** The revision of the payload's shape, which may be older than the consumer's current one. */
  public static final String EVENT_REVISION = "fourfold-event-revision";

  /** The event's position in the event store's total order. */
  public static final String GLOBAL_INDEX = "fourfold-global-index";

  /** The aggregate the event belongs to (also the record key). */
  public static final String AGGREGATE_ID = "fourfold-aggregate-id";

  /** The event's sequence number within its aggregate: the projectors' idempotency guard. */
  public static final String AGGREGATE_SEQUENCE = "fourfold-aggregate-sequence";

  /** The event's unique id in the event store. */
  public static final String EVENT_ID = "fourfold-event-id";

  /** When the event store recorded the event. */
  public static final String OCCURRED_AT = "fourfold-occurred-at";

  private EventHeaders() {}
}
