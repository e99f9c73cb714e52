package io.fourfold.session.generation;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A Redis projection's generations behind a pointer key: generation N lives under keys of its own,
 * and the pointer (absent: generation 1) names the serving one. Every live write and read resolves
 * the pointer inside the same Lua script as its write or read, so a switch (one {@code SET}) is
 * atomic for everyone; Redis cannot hold live writes off, and need not: the engine reads the event
 * store once more after the switch for the writes that landed in the old generation before it.
 *
 * <p>A rebuild writes with the live scripts themselves, naming the generation ({@link #applyTo});
 * the events of a batch are written in order, one after the other, because a projection's later
 * event may depend on an earlier one of the same aggregate. A new generation's bulk phase ({@link
 * #bulkLoad}, where a projection offers one) instead folds many batches in memory with the
 * projector's rules and sends the same scripts once per aggregate, many at a time ({@link
 * PipelinedWrites}), still guarded by each aggregate's sequence.
 */
public abstract class PointerGenerations implements RebuildableProjection {

  protected static final Duration TIMEOUT = Duration.ofMinutes(1);

  protected final ReactiveRedisDataSource redis;
  private final String pointer;

  protected PointerGenerations(ReactiveRedisDataSource redis, String pointer) {
    this.redis = redis;
    this.pointer = pointer;
  }

  /** Writes one event into a generation, as the live projector does, without side effects. */
  protected abstract Uni<?> applyTo(ProjectedEvent event, String generation);

  /** Removes a generation's data; never called for the serving one. */
  protected abstract void dropKeys(int generation);

  /** Removes one aggregate's data from a generation, before its events are written again. */
  protected abstract void forgetKeys(String aggregateId, int generation);

  @Override
  public ProjectionStore store() {
    return ProjectionStore.REDIS;
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
    String serving = redis.value(String.class).get(pointer).await().atMost(TIMEOUT);
    return serving == null ? 1 : Integer.parseInt(serving);
  }

  @Override
  public void create(int generation) {
    // Keys exist once written; a resumed rebuild keeps what it wrote.
  }

  @Override
  public void drop(int generation) {
    if (generation == servingGeneration()) {
      throw new IllegalStateException("generation " + generation + " serves reads");
    }
    dropKeys(generation);
  }

  @Override
  public void applyAll(List<ProjectedEvent> events, int generation) {
    String target = String.valueOf(generation);
    Multi.createFrom()
        .iterable(events)
        .onItem()
        .transformToUniAndConcatenate(event -> applyTo(event, target))
        .collect()
        .last()
        .await()
        .atMost(TIMEOUT);
  }

  @Override
  public Exclusive exclusive() {
    return new Exclusive() {
      private Integer serve;

      @Override
      public void applyAll(List<ProjectedEvent> events, int generation) {
        PointerGenerations.this.applyAll(events, generation);
      }

      @Override
      public void forget(String aggregateId, int generation) {
        forgetKeys(aggregateId, generation);
      }

      @Override
      public void serve(int generation) {
        serve = generation;
      }

      @Override
      public void commit() {
        if (serve != null) {
          redis.value(String.class).set(pointer, String.valueOf(serve)).await().atMost(TIMEOUT);
        }
      }

      @Override
      public void close() {}
    };
  }

  /** Every key matching {@code pattern} that {@code belongs} accepts (SCAN, in pages). */
  protected List<String> keys(String pattern, Predicate<String> belongs) {
    return redis
        .key()
        .scan(new KeyScanArgs().match(pattern).count(1000))
        .toMulti()
        .select()
        .where(belongs)
        .collect()
        .asList()
        .await()
        .atMost(TIMEOUT);
  }

  /** Deletes keys in chunks. */
  protected void delete(List<String> keys) {
    for (int from = 0; from < keys.size(); from += 500) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
      redis.key().del(chunk.toArray(String[]::new)).await().atMost(TIMEOUT);
    }
  }

  /** Removes {@code fields} from each hash. */
  protected void removeFields(List<String> hashes, String... fields) {
    for (String hash : hashes) {
      redis.hash(String.class).hdel(hash, fields).await().atMost(TIMEOUT);
    }
  }
}
