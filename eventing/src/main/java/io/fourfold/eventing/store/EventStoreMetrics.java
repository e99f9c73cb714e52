package io.fourfold.eventing.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;

/**
 * The event store's side of the dashboards: {@code fourfold_event_store_head} (the newest event's
 * global index; its rate is the append rate) and, in the instance that holds the relay's claim,
 * {@code fourfold_relay_position} and {@code fourfold_relay_lag_events} (events committed but not
 * yet on Kafka). Other instances report no relay value (NaN), so dashboards take the maximum.
 */
@ApplicationScoped
@IfBuildProperty(name = "fourfold.event-store.enabled", stringValue = "true")
public class EventStoreMetrics {

  private final AxonEventStore eventStore;

  public EventStoreMetrics(AxonEventStore eventStore) {
    this.eventStore = eventStore;
  }

  void register(@Observes StartupEvent start, MeterRegistry meters) {
    Gauge.builder("fourfold.event.store.head", () -> orNaN(head()))
        .description("Global index of the newest event in the event store (rate = append rate)")
        .register(meters);
    Gauge.builder("fourfold.relay.position", () -> orNaN(relayPosition()))
        .description("Global index of the newest event this instance's relay published to Kafka")
        .register(meters);
    Gauge.builder("fourfold.relay.lag.events", this::relayLag)
        .description("Events in the event store the relay has not published yet")
        .register(meters);
  }

  private double relayLag() {
    OptionalLong head = head();
    OptionalLong position = relayPosition();
    if (head.isEmpty() || position.isEmpty()) {
      return Double.NaN;
    }
    return Math.max(0, head.getAsLong() - position.getAsLong());
  }

  private OptionalLong head() {
    return eventStore.events().createHeadToken() instanceof GapAwareTrackingToken token
        ? OptionalLong.of(token.getIndex())
        : OptionalLong.empty();
  }

  /** The relay's position, when this instance holds its claim. */
  private OptionalLong relayPosition() {
    return eventStore
        .configuration()
        .eventProcessingConfiguration()
        .eventProcessor(AxonEventStore.RELAY_PROCESSOR, TrackingEventProcessor.class)
        .flatMap(
            relay ->
                relay.processingStatus().values().stream()
                    .map(EventTrackerStatus::getCurrentPosition)
                    .filter(OptionalLong::isPresent)
                    .map(OptionalLong::getAsLong)
                    .min(Long::compare))
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  private static double orNaN(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : Double.NaN;
  }
}
