package io.fourfold.eventing.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wakes consistency waits in this instance the moment the projection runtime has applied an event
 * of the aggregate they wait for, instead of making them poll the store, and remembers the newest
 * sequence it applied per aggregate, so a wait is usually answered without reading the store at
 * all. Only a hint: another instance may apply the event, so a wait still re-reads the store when
 * this instance knows nothing, and still polls, slowly.
 */
@ApplicationScoped
class AppliedSignals {

  // A cache, not a record: when it grows past this many aggregates it starts over, and waits read
  // the store instead.
  private static final int REMEMBERED_AGGREGATES = 100_000;

  private final Map<String, Signal> waiting = new ConcurrentHashMap<>();
  private final Map<String, Long> appliedSequences = new ConcurrentHashMap<>();

  /** The newest sequence of the aggregate this instance applied to the projection, or -1. */
  long appliedSequence(String projection, String aggregateId) {
    return appliedSequences.getOrDefault(key(projection, aggregateId), -1L);
  }

  /**
   * Registers a wait for the next event of the aggregate the projection applies. Register before
   * reading the store, so an event applied in between is not missed; release when done.
   */
  Registration register(String projection, String aggregateId) {
    String key = key(projection, aggregateId);
    Signal signal =
        waiting.compute(
            key,
            (k, held) -> {
              Signal current = held != null ? held : new Signal();
              current.waiters++;
              return current;
            });
    return new Registration(key, signal);
  }

  /** Called by the runtime after it applied an event of the aggregate. */
  void applied(String projection, String aggregateId, long sequence) {
    String key = key(projection, aggregateId);
    if (appliedSequences.size() >= REMEMBERED_AGGREGATES) {
      appliedSequences.clear();
    }
    appliedSequences.merge(key, sequence, Math::max);
    if (waiting.isEmpty()) {
      return;
    }
    Signal signal = waiting.remove(key);
    if (signal != null) {
      signal.fired.complete(null);
    }
  }

  private static String key(String projection, String aggregateId) {
    return projection + '\u0000' + aggregateId;
  }

  /** One wake-up shared by every wait on one aggregate; {@code waiters} is guarded by the map. */
  private static final class Signal {
    private final CompletableFuture<Void> fired = new CompletableFuture<>();
    private int waiters;
  }

  /** One wait's hold on a signal. */
  final class Registration {
    private final String key;
    private final Signal signal;
    private final AtomicBoolean released = new AtomicBoolean();

    private Registration(String key, Signal signal) {
      this.key = key;
      this.signal = signal;
    }

    /** Completes when an event of the aggregate is applied; cancelling it affects no other wait. */
    CompletableFuture<Void> fired() {
      return signal.fired.copy();
    }

    /** Ends this wait's hold (once, however often called); the last one out drops the signal. */
    void release() {
      if (released.getAndSet(true)) {
        return;
      }
      waiting.computeIfPresent(
          key, (k, held) -> held != signal || --held.waiters > 0 ? held : null);
    }
  }
}
