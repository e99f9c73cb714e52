package io.fourfold.session.flag;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * The feature-flag projection's generations in Redis: generation 1 is the hash {@code flags},
 * generation N the hash {@code flags:g<N>}, and the key {@code flags:generation} names the serving
 * one. The live apply script and the read script both read that pointer in the same script as their
 * write or read, so a switch (one {@code SET}) is atomic for everyone. A rebuild writes with the
 * live script itself ({@link FlagProjector#applyTo}), naming the generation, all of a batch's
 * events sent at once (the client pipelines them); each write keeps the newest rule of its flag, so
 * their order does not matter.
 */
@ApplicationScoped
public class FlagGenerations implements RebuildableProjection {

  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private final ReactiveRedisDataSource redis;
  private final FlagProjector projector;

  public FlagGenerations(ReactiveRedisDataSource redis, FlagProjector projector) {
    this.redis = redis;
    this.projector = projector;
  }

  @Override
  public String name() {
    return FlagProjector.NAME;
  }

  @Override
  public ProjectionStore store() {
    return ProjectionStore.REDIS;
  }

  @Override
  public String location(int generation) {
    return FlagProjector.key(generation);
  }

  @Override
  public boolean uses(String eventType) {
    return eventType.startsWith("flag.");
  }

  @Override
  public boolean usesMetadata() {
    return false;
  }

  @Override
  public boolean holdStopsLiveWrites() {
    return false;
  }

  @Override
  public int servingGeneration() {
    String pointer = redis.value(String.class).get(FlagProjector.POINTER).await().atMost(TIMEOUT);
    return pointer == null ? 1 : Integer.parseInt(pointer);
  }

  @Override
  public void create(int generation) {
    // A hash exists once written; a resumed rebuild keeps what it wrote.
  }

  @Override
  public void drop(int generation) {
    if (generation == servingGeneration()) {
      throw new IllegalStateException("generation " + generation + " serves reads");
    }
    redis.key().del(FlagProjector.key(generation)).await().atMost(TIMEOUT);
  }

  @Override
  public void applyAll(List<ProjectedEvent> events, int generation) {
    if (events.isEmpty()) {
      return;
    }
    String target = String.valueOf(generation);
    Uni.join()
        .all(events.stream().map(event -> projector.applyTo(event, target)).toList())
        .andCollectFailures()
        .await()
        .atMost(TIMEOUT);
  }

  /**
   * Redis cannot hold off the live projector, and need not: the pointer is read in the live script,
   * so a live write lands wholly before or wholly after the switch, and the engine reads the event
   * store once more after the switch for the writes that landed before it.
   */
  @Override
  public Exclusive exclusive() {
    return new Exclusive() {
      private Integer serve;

      @Override
      public void applyAll(List<ProjectedEvent> events, int generation) {
        FlagGenerations.this.applyAll(events, generation);
      }

      @Override
      public void forget(String aggregateId, int generation) {
        redis
            .hash(String.class)
            .hdel(FlagProjector.key(generation), aggregateId)
            .await()
            .atMost(TIMEOUT);
      }

      @Override
      public void serve(int generation) {
        serve = generation;
      }

      @Override
      public void commit() {
        if (serve != null) {
          redis
              .value(String.class)
              .set(FlagProjector.POINTER, String.valueOf(serve))
              .await()
              .atMost(TIMEOUT);
        }
      }

      @Override
      public void close() {}
    };
  }
}
