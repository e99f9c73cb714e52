package io.fourfold.billing.infrastructure;

import io.fourfold.eventing.store.AxonEventStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

/**
 * Reads an aggregate's events straight from the event store: the source of truth, never a lagging
 * projection. From sequence 0, so snapshots never stand in for events.
 */
@ApplicationScoped
public class Streams {

  private final AxonEventStore eventStore;

  public Streams(AxonEventStore eventStore) {
    this.eventStore = eventStore;
  }

  /** Every event of the aggregate whose payload is a {@code type}, in order. */
  public <T> List<T> events(String aggregateId, Class<T> type) {
    List<T> events = new ArrayList<>();
    DomainEventStream stream = eventStore.events().readEvents(aggregateId, 0L);
    while (stream.hasNext()) {
      Object payload = stream.next().getPayload();
      if (type.isInstance(payload)) {
        events.add(type.cast(payload));
      }
    }
    return events;
  }

  /** The aggregate's first event, if it has one of this type. */
  public <T> Optional<T> first(String aggregateId, Class<T> type) {
    DomainEventStream stream = eventStore.events().readEvents(aggregateId, 0L);
    if (!stream.hasNext()) {
      return Optional.empty();
    }
    Object payload = stream.next().getPayload();
    return type.isInstance(payload) ? Optional.of(type.cast(payload)) : Optional.empty();
  }
}
