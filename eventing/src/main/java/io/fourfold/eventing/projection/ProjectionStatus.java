package io.fourfold.eventing.projection;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** What a projection has done so far in this instance: its position, its health, its failures. */
public final class ProjectionStatus {

  /** Whether the projection keeps up or is stuck on a failing store. */
  public enum State {
    LIVE,
    REBUILDING,
    FAILING
  }

  /** An immutable reading of the status. */
  public record Snapshot(
      long globalIndex,
      Instant lastOccurredAt,
      Instant lastAppliedAt,
      State state,
      long deadLetters) {}

  private final AtomicReference<Snapshot> current =
      new AtomicReference<>(new Snapshot(0, null, null, State.LIVE, 0));

  public Snapshot read() {
    return current.get();
  }

  void applied(ProjectedEvent event, Instant now) {
    current.updateAndGet(
        s ->
            new Snapshot(
                Math.max(s.globalIndex(), event.globalIndex()),
                event.occurredAt(),
                now,
                State.LIVE,
                s.deadLetters()));
  }

  void failing() {
    current.updateAndGet(
        s ->
            new Snapshot(
                s.globalIndex(),
                s.lastOccurredAt(),
                s.lastAppliedAt(),
                State.FAILING,
                s.deadLetters()));
  }

  void deadLettered() {
    current.updateAndGet(
        s ->
            new Snapshot(
                s.globalIndex(),
                s.lastOccurredAt(),
                s.lastAppliedAt(),
                s.state(),
                s.deadLetters() + 1));
  }
}
