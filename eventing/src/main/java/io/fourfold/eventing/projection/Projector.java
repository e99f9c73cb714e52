package io.fourfold.eventing.projection;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * A projection of the event stream into one store. The runtime around it (decoding, retries, dead
 * letters, positions, consistency waits) is written once; a projector only applies events.
 *
 * <p>Delivery is at least once and a retry may repeat an event: {@link #apply} must change the
 * store only when the event's aggregate sequence is newer than the one the projection holds for
 * that aggregate, and store that sequence with the data, in the same write where the store allows.
 */
public interface Projector {

  /** The projection's name, unique in the suite; also its Kafka consumer group. */
  String name();

  /** The store this projection writes. */
  ProjectionStore store();

  /** Applies one event idempotently; an event the projection does not use completes at once. */
  Uni<Void> apply(ProjectedEvent event);

  /**
   * Applies events in their order, idempotently, as {@link #apply} would one by one. A projector
   * overrides this to write a batch in one transaction or one store round trip; a failure of the
   * whole batch is retried, so a partial write must be safe to repeat.
   */
  default Uni<Void> applyAll(List<ProjectedEvent> events) {
    return Multi.createFrom()
        .iterable(events)
        .onItem()
        .transformToUniAndConcatenate(this::apply)
        .onItem()
        .ignoreAsUni();
  }

  /** The last sequence of the aggregate this projection applied, or -1 if it holds none. */
  Uni<Long> appliedSequence(String aggregateId);
}
