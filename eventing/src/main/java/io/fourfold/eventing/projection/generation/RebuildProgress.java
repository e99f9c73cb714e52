package io.fourfold.eventing.projection.generation;

import java.time.Instant;

/**
 * Where an operation on a projection stands, as {@code replay-cli} draws it.
 *
 * @param projection the projection
 * @param operation {@code rebuild}, {@code rebuild-aggregate}, {@code rollback} or {@code prune}
 * @param generation the generation it builds or switches to
 * @param from the generation serving when it started
 * @param phase {@code planned} (dry run), {@code reading}, {@code catching-up}, {@code switching},
 *     {@code done}, {@code failed} or {@code crashed} (stopped dead, resumable)
 * @param position the global index read so far
 * @param target the event store's head when the phase began (moves on while catching up)
 * @param startPosition the global index it started reading after
 * @param events events read and applied so far
 * @param eventsPerSecond events applied per second since it started
 * @param startedAt when it started
 * @param finishedAt when it ended, or null while it runs
 * @param holder who runs it (service, host, pid)
 * @param message what happened, for humans
 */
public record RebuildProgress(
    String projection,
    String operation,
    int generation,
    int from,
    String phase,
    long position,
    long target,
    long startPosition,
    long events,
    double eventsPerSecond,
    Instant startedAt,
    Instant finishedAt,
    String holder,
    String message) {

  /** Whether the operation has ended, one way or another. */
  public boolean finished() {
    return finishedAt != null;
  }
}
