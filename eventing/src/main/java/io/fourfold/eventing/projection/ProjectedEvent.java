package io.fourfold.eventing.projection;

import io.fourfold.schema.DomainEvent;
import java.time.Instant;
import java.util.Map;

/**
 * One event as a projector receives it: the decoded (and upcast) event with its position in the
 * aggregate's stream and in the store's total order.
 *
 * @param event the event
 * @param eventId the event's unique id
 * @param aggregateId the aggregate that emitted it
 * @param sequence its sequence in that aggregate's stream (0 for the first event)
 * @param globalIndex its position in the event store's total order
 * @param occurredAt when the event was recorded
 * @param metadata correlation, causation, trace context and actor
 */
public record ProjectedEvent(
    DomainEvent event,
    String eventId,
    String aggregateId,
    long sequence,
    long globalIndex,
    Instant occurredAt,
    Map<String, String> metadata) {}
