package io.fourfold.session.flag;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.session.generation.PointerGenerations;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The feature-flag projection's generations in Redis: generation 1 is the hash {@code flags},
 * generation N the hash {@code flags:g<N>}, and the key {@code flags:generation} names the serving
 * one (see {@link PointerGenerations}). A singleton: its base class takes its pointer at
 * construction, so there is no client proxy (which would need a no-argument constructor).
 */
@Singleton
public class FlagGenerations extends PointerGenerations {

  /** What one flag held by a bulk load costs the heap, rounded up (its last event). */
  private static final long HELD_FLAG_BYTES = 1_024;

  private final FlagProjector projector;
  private final int heldFlags;

  public FlagGenerations(
      ReactiveRedisDataSource redis,
      FlagProjector projector,
      @ConfigProperty(name = "fourfold.rebuild.held-accounts") Optional<Integer> heldFlags) {
    super(redis, FlagProjector.POINTER);
    this.projector = projector;
    this.heldFlags = BulkLoad.held(heldFlags, HELD_FLAG_BYTES);
  }

  @Override
  public String name() {
    return FlagProjector.NAME;
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
  public Optional<BulkLoad> bulkLoad(int generation) {
    return Optional.of(new FlagRulesLoad(redis, projector, generation, heldFlags));
  }

  @Override
  protected Uni<?> applyTo(ProjectedEvent event, String generation) {
    return projector.applyTo(event, generation);
  }

  @Override
  protected void dropKeys(int generation) {
    delete(List.of(FlagProjector.key(generation)));
  }

  @Override
  protected void forgetKeys(String flagKey, int generation) {
    redis.hash(String.class).hdel(FlagProjector.key(generation), flagKey).await().atMost(TIMEOUT);
  }
}
