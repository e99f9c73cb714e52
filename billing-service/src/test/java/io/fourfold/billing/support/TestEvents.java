package io.fourfold.billing.support;

import io.fourfold.eventing.store.AxonEventStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * Appends events to the real event store as an aggregate would have, for histories a test cannot
 * wait for (a plan change weeks ago); the relay publishes them like any other.
 */
@ApplicationScoped
public class TestEvents {

  private final AxonEventStore eventStore;

  public TestEvents(AxonEventStore eventStore) {
    this.eventStore = eventStore;
  }

  /** Appends {@code events} as the stream of a new aggregate, from sequence 0. */
  public void append(String aggregateType, String aggregateId, List<?> events) {
    for (int sequence = 0; sequence < events.size(); sequence++) {
      eventStore
          .events()
          .publish(
              new GenericDomainEventMessage<>(
                  aggregateType, aggregateId, sequence, events.get(sequence)));
    }
  }
}
