package io.fourfold.session.state;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.session.generation.PointerGenerations;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The session-plans projection's generations: generation 1 keeps each account's plan in {@code
 * account:<id>} (beside session-state's generation 1) and each subscription's last applied sequence
 * in {@code subscription:<id>}; generation N in {@code plan:g<N>:<account id>} and {@code
 * subscription:g<N>:<id>}. The pointer {@code session-plans:generation} names the serving one and
 * is read by the auth script on every request.
 */
@Singleton
public class PlanGenerations extends PointerGenerations {

  private static final String[] FIELDS = {
    "plan", "plan-sub", "plan-seq", "plan-index", "plan-limit"
  };

  /**
   * What one account or subscription held by a bulk load costs the heap, rounded up (its id and its
   * last event).
   */
  private static final long HELD_BYTES = 1_024;

  private final PlanProjector projector;
  private final int held;

  public PlanGenerations(
      ReactiveRedisDataSource redis,
      PlanProjector projector,
      @ConfigProperty(name = "fourfold.rebuild.held-accounts") Optional<Integer> held) {
    super(redis, PlanProjector.POINTER);
    this.projector = projector;
    this.held = BulkLoad.held(held, HELD_BYTES);
  }

  @Override
  public String name() {
    return PlanProjector.NAME;
  }

  @Override
  public String location(int generation) {
    return PlanProjector.planKey(generation, "<account id>");
  }

  @Override
  public boolean uses(String eventType) {
    return eventType.startsWith("billing.subscription-");
  }

  @Override
  public Optional<BulkLoad> bulkLoad(int generation) {
    return Optional.of(new PlansLoad(redis, projector, generation, held));
  }

  @Override
  protected Uni<?> applyTo(ProjectedEvent event, String generation) {
    return projector.applyTo(event, generation);
  }

  @Override
  protected void dropKeys(int generation) {
    if (generation == 1) {
      // Generation 1's hashes also hold session-state's generation 1: only the plan's fields go.
      removeFields(keys("account:*", key -> !key.startsWith("account:g")), FIELDS);
      delete(keys("subscription:*", key -> !key.startsWith("subscription:g")));
    } else {
      delete(keys("plan:g" + generation + ":*", key -> true));
      delete(keys("subscription:g" + generation + ":*", key -> true));
    }
  }

  /**
   * Not possible for plans: an account's plan is decided between all its subscriptions (the latest
   * in the event store wins), so one subscription's events cannot rebuild it.
   */
  @Override
  protected void forgetKeys(String subscriptionId, int generation) {
    throw new UnsupportedOperationException(
        "an account's plan combines its subscriptions: rebuild the whole generation");
  }
}
