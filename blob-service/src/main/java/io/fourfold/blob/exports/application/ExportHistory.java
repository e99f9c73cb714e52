package io.fourfold.blob.exports.application;

import io.fourfold.eventing.store.AxonEventStore;
import io.fourfold.schema.export.ExportCompleted;
import io.fourfold.schema.export.ExportFailed;
import io.fourfold.schema.export.ExportRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

/**
 * An export's state read from its own events in the event store: exact right after the request (no
 * projection to wait for), and a stream of at most two events.
 */
@ApplicationScoped
public class ExportHistory {

  private final AxonEventStore eventStore;

  public ExportHistory(AxonEventStore eventStore) {
    this.eventStore = eventStore;
  }

  public Optional<ExportState> find(String exportId) {
    ExportState state = null;
    DomainEventStream events = eventStore.events().readEvents(exportId);
    while (events.hasNext()) {
      Object payload = events.next().getPayload();
      if (payload instanceof ExportRequested requested) {
        state = new ExportState(exportId, requested.accountId(), "pending", null, null);
      } else if (payload instanceof ExportCompleted completed && state != null) {
        state = new ExportState(exportId, state.accountId(), "ready", completed.objectKey(), null);
      } else if (payload instanceof ExportFailed failed && state != null) {
        state = new ExportState(exportId, state.accountId(), "failed", null, failed.reason());
      }
    }
    return Optional.ofNullable(state);
  }
}
