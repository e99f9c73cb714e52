package io.fourfold.eventing.projection.generation;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import java.util.List;
import java.util.Optional;

/**
 * A projection that can be rebuilt from the event store into a new generation while the serving
 * generation keeps answering reads and applying live events. Every projection implements it next to
 * its live {@link io.fourfold.eventing.projection.Projector}, reusing the live projector's rules
 * (one copy of the projection logic), and is found by {@link Rebuilds} as a CDI bean.
 *
 * <p>Generations are numbered from 1 (the one a fresh install creates). The {@link Rebuilds} engine
 * decides which generation is built, when it switches and what is kept; the projection only knows
 * how to create, fill, serve and drop a generation in its store.
 */
public interface RebuildableProjection {

  /** The projection's name: the same as its live projector's. */
  String name();

  /** The store it writes. */
  ProjectionStore store();

  /** Where a generation lives in the store, for humans: a table, an index, a key prefix. */
  String location(int generation);

  /** Whether the projection reads events of this frozen type name; others are never decoded. */
  default boolean uses(String eventType) {
    return true;
  }

  /** Whether the projection reads events' metadata; when not, a rebuild does not decode it. */
  default boolean usesMetadata() {
    return true;
  }

  /**
   * Whether each aggregate's data is written apart from every other's (no row shared between
   * aggregates), so that a rebuild may apply the events of different aggregates in parallel.
   */
  default boolean independentAggregates() {
    return false;
  }

  /** The generation the store serves now (the store's own answer, not the registry's). */
  int servingGeneration();

  /**
   * Creates an empty generation shaped like the serving one; does nothing when it exists already (a
   * resumed rebuild keeps what it wrote).
   */
  void create(int generation);

  /** Removes a generation and everything in it. */
  void drop(int generation);

  /**
   * Applies events in their order to a generation, in bulk, idempotently: each aggregate's data is
   * changed only by events newer than the sequence it holds, so a repeated or overlapping batch
   * changes nothing. Live writes may run at the same time (on a serving generation).
   */
  void applyAll(List<ProjectedEvent> events, int generation);

  /**
   * A loader for a new generation's bulk phase that folds many batches in memory and writes the
   * result when it holds enough, so that an aggregate changed by many events is written once rather
   * than once per batch. Empty (the default): each batch is written with {@link #applyAll}.
   */
  default Optional<BulkLoad> bulkLoad(int generation) {
    return Optional.empty();
  }

  /**
   * One rebuild's bulk phase into a generation that nothing reads or writes yet, used by one
   * thread. The engine saves a rebuild's checkpoint only after a {@link #flush}, so what a loader
   * holds when its process dies is read again when the rebuild resumes.
   */
  interface BulkLoad {

    /**
     * Folds a batch in, in order after the batches before it; answers whether it now holds as much
     * as it should and wants to be flushed.
     */
    boolean add(List<ProjectedEvent> events);

    /** Writes what it holds to the generation, idempotently, and forgets it. */
    void flush();

    /**
     * How many aggregates a bulk load holds before it writes: the configured number ({@code
     * fourfold.rebuild.held-accounts}), else as many as a quarter of the heap takes at {@code
     * bytesEach} each (at least 1,000).
     */
    static int held(Optional<Integer> configured, long bytesEach) {
      return configured.orElseGet(
          () -> (int) Math.max(1_000, Runtime.getRuntime().maxMemory() / 4 / bytesEach));
    }

    /**
     * Called once the bulk phase has read to the head and flushed, before the generation catches up
     * and serves: the place to build what is cheaper to build once than to keep up row by row (a
     * secondary index). Idempotent: a resumed rebuild calls it again.
     */
    default void finish() {}
  }

  /**
   * Whether {@link #exclusive} really stops live writes (a lock). When it cannot (a Redis pointer,
   * an alias: the switch is atomic but a live write may land on the old generation just before it),
   * the engine reads the event store once more after the switch and applies what it finds to the
   * new generation. A projection whose live writes can delete data (erasure) should hold them off
   * instead: a bulk write racing a live deletion on a serving generation could undo it.
   */
  default boolean holdStopsLiveWrites() {
    return true;
  }

  /**
   * Holds off the live projector's writes until the returned handle is committed or closed, so that
   * the engine can apply the last events and switch with nothing slipping between. Reads may wait
   * for the hold but must never fail. A hold that fails on a lock conflict (a deadlock, a lock
   * timeout) is rolled back and taken again by the engine.
   */
  Exclusive exclusive();

  /** The store held exclusively for writes: a transaction for PostgreSQL, a lock elsewhere. */
  interface Exclusive extends AutoCloseable {

    /** As {@link RebuildableProjection#applyAll}, within the exclusive hold. */
    void applyAll(List<ProjectedEvent> events, int generation);

    /** Removes one aggregate's data from a generation, to rebuild it in place. */
    void forget(String aggregateId, int generation);

    /** Makes the generation the one reads and live writes use, once committed. */
    void serve(int generation);

    /** Makes everything done in the hold visible at once and lets live writes go on. */
    void commit();

    /** Ends the hold; what was not committed is undone. */
    @Override
    void close();
  }
}
