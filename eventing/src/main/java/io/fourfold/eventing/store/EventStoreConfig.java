package io.fourfold.eventing.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How a command service runs its event store, aggregates and relay. */
@ConfigMapping(prefix = "fourfold.event-store")
public interface EventStoreConfig {

  /** Whether this service writes events (build time: services without an event store skip Axon). */
  @WithDefault("false")
  boolean enabled();

  /** Create the event, snapshot and token tables at start when they are missing. */
  @WithDefault("true")
  boolean createSchema();

  /** Take a snapshot of an aggregate after this many events since the last one. */
  @WithDefault("50")
  int snapshotThreshold();

  /** How many events one event-store read fetches. */
  @WithDefault("500")
  int readBatchSize();

  /** How often readers (the relay) look for events committed outside their own process. */
  @WithDefault("PT0.01S")
  java.time.Duration fetchDelay();

  /** This instance's name in token claims; must differ between instances (default: pid@host). */
  Optional<String> nodeId();

  /** The relay that publishes committed events to Kafka. */
  Relay relay();

  /** Committing several concurrent commands in one transaction. */
  GroupCommit groupCommit();

  /**
   * Settings of {@link io.fourfold.eventing.store.GroupCommit}: commands queue per partition (by
   * aggregate id) and a partition's worker commits what has queued, up to {@code maxBatch}, in one
   * transaction. A lone command waits for no one: it commits at once.
   */
  interface GroupCommit {

    /** Off: each caller's work commits in a transaction of its own, on the caller's thread. */
    @WithDefault("true")
    boolean enabled();

    /** How many workers, each committing one batch at a time (and so holding one connection). */
    @WithDefault("4")
    int partitions();

    /** The most commands one transaction holds. */
    @WithDefault("64")
    int maxBatch();

    /** The most commands a partition queues; more are refused with 503 (load shedding). */
    @WithDefault("256")
    int queueCapacity();
  }

  /** Settings of the event-store-to-Kafka relay. */
  interface Relay {

    /** Run the relay in this service; only one instance across the suite is active at a time. */
    @WithDefault("true")
    boolean enabled();

    /** The topic every domain event is published to, keyed by aggregate id. */
    @WithDefault("fourfold.events")
    String topic();

    /** How many events the relay publishes per transaction before it stores its position. */
    @WithDefault("500")
    int batchSize();
  }
}
