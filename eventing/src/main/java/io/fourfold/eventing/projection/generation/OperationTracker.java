package io.fourfold.eventing.projection.generation;

import io.fourfold.eventing.projection.ProjectedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** One operation's progress, published after every batch. Written by its own thread only. */
final class OperationTracker {
  private final String projection;
  private final String operation;
  private final String holder;
  private final Clock clock;
  private final Instant startedAt;
  private AtomicReference<RebuildProgress> slot = new AtomicReference<>();
  private int generation;
  private int from;
  private String phase = "starting";
  private long position;
  private long target;
  private long startPosition;
  private long events;
  private String message = "";

  OperationTracker(String projection, String operation, String holder, Clock clock) {
    this.projection = projection;
    this.operation = operation;
    this.holder = holder;
    this.clock = clock;
    this.startedAt = clock.instant();
    publish(null);
  }

  void publishTo(AtomicReference<RebuildProgress> slot) {
    slot.set(this.slot.get());
    this.slot = slot;
  }

  RebuildProgress read() {
    return slot.get();
  }

  void begin(int generation, int from, long start, long head) {
    this.generation = generation;
    this.from = from;
    this.startPosition = start;
    this.position = start;
    this.target = head;
    this.phase = "reading";
    publish(null);
  }

  void phase(String phase, long head) {
    this.phase = phase;
    this.target = Math.max(target, head);
    publish(null);
  }

  void read(List<ProjectedEvent> applied, long position, long read) {
    this.position = Math.max(this.position, position);
    this.target = Math.max(target, this.position);
    this.events += read;
    publish(null);
  }

  void message(String message) {
    this.message = message;
  }

  void done(String phase) {
    this.phase = phase;
    publish(clock.instant());
  }

  void ended(String phase, String message) {
    this.phase = phase;
    this.message = message;
    publish(clock.instant());
  }

  private void publish(Instant finishedAt) {
    Instant now = finishedAt != null ? finishedAt : clock.instant();
    double seconds = Math.max(0.001, Duration.between(startedAt, now).toMillis() / 1000.0);
    slot.set(
        new RebuildProgress(
            projection,
            operation,
            generation,
            from,
            phase,
            position,
            target,
            startPosition,
            events,
            events / seconds,
            startedAt,
            finishedAt,
            holder,
            message));
  }
}
