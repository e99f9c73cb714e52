package io.fourfold.session.state;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.Projector;
import io.fourfold.schema.billing.SubscriptionCancelled;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionStarted;
import io.fourfold.session.config.LuaScript;
import io.fourfold.session.config.RateLimitConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Each account's plan and its rate limit, kept in the account's Redis hash from billing's
 * subscription events, which carry the plan's limit: the auth script reads it on every request, so
 * a plan change counts from the next request on. A cancellation falls back to the default plan.
 * Subscriptions are aggregates of their own, so the hash keeps which subscription and sequence it
 * holds (apply-plan.lua), apart from the account events' {@code seq}.
 */
@ApplicationScoped
public class PlanProjector implements Projector {

  /** The projection's name, its consumer group and channel. */
  public static final String NAME = "session-plans";

  private static final LuaScript APPLY = LuaScript.load("redis/apply-plan.lua");

  private final ReactiveRedisDataSource redis;
  private final RateLimitConfig limits;

  public PlanProjector(ReactiveRedisDataSource redis, RateLimitConfig limits) {
    this.redis = redis;
    this.limits = limits;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProjectionStore store() {
    return ProjectionStore.REDIS;
  }

  @Override
  public Uni<Void> apply(ProjectedEvent projected) {
    if (projected.event() instanceof SubscriptionStarted started) {
      return set(projected, started.accountId(), started.planId(), started.rateLimitPerMinute());
    }
    if (projected.event() instanceof SubscriptionChanged changed) {
      return set(projected, changed.accountId(), changed.planId(), changed.rateLimitPerMinute());
    }
    if (projected.event() instanceof SubscriptionCancelled cancelled) {
      return set(projected, cancelled.accountId(), limits.defaultPlan(), null);
    }
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Long> appliedSequence(String subscriptionId) {
    return redis
        .value(String.class)
        .get(subscriptionKey(subscriptionId))
        .map(seq -> seq == null ? -1L : Long.parseLong(seq));
  }

  private Uni<Void> set(ProjectedEvent projected, String accountId, String plan, Integer limit) {
    return APPLY
        .run(
            redis,
            List.of("account:" + accountId, subscriptionKey(projected.aggregateId())),
            projected.aggregateId(),
            String.valueOf(projected.sequence()),
            String.valueOf(projected.globalIndex()),
            plan,
            limit == null ? "" : String.valueOf(limit))
        .replaceWithVoid();
  }

  private static String subscriptionKey(String subscriptionId) {
    return "subscription:" + subscriptionId;
  }
}
