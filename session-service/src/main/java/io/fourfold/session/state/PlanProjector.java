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

  /** The key naming the serving generation (absent: 1), read by every script that reads plans. */
  static final String POINTER = "session-plans:generation";

  /** As a generation argument to the scripts: the one the pointer names. */
  static final String SERVING = "";

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
    return applyTo(projected, SERVING);
  }

  /**
   * Applies one event to a generation ({@link #SERVING}: the one the pointer names, read in the
   * same script as the write).
   */
  Uni<Void> applyTo(ProjectedEvent projected, String generation) {
    return APPLY.runUnlessNone(redis, List.of(POINTER), arguments(projected, generation));
  }

  /** The script {@link #applyTo} runs, with {@link #POINTER} as its key. */
  static LuaScript applyScript() {
    return APPLY;
  }

  /**
   * The script's arguments for an event, as {@link #applyTo} and a bulk load ({@link PlansLoad})
   * write it; null for an event this projection does not use.
   */
  String[] arguments(ProjectedEvent projected, String generation) {
    if (projected.event() instanceof SubscriptionStarted started) {
      return arguments(
          projected,
          generation,
          started.accountId(),
          started.planId(),
          started.rateLimitPerMinute());
    }
    if (projected.event() instanceof SubscriptionChanged changed) {
      return arguments(
          projected,
          generation,
          changed.accountId(),
          changed.planId(),
          changed.rateLimitPerMinute());
    }
    if (projected.event() instanceof SubscriptionCancelled cancelled) {
      return arguments(projected, generation, cancelled.accountId(), limits.defaultPlan(), null);
    }
    return null;
  }

  @Override
  public Uni<Long> appliedSequence(String subscriptionId) {
    return redis
        .value(String.class)
        .get(POINTER)
        .flatMap(
            serving ->
                redis
                    .value(String.class)
                    .get(
                        subscriptionKey(
                            serving == null ? 1 : Integer.parseInt(serving), subscriptionId)))
        .map(seq -> seq == null ? -1L : Long.parseLong(seq));
  }

  private static String[] arguments(
      ProjectedEvent projected, String generation, String accountId, String plan, Integer limit) {
    return new String[] {
      accountId,
      generation,
      projected.aggregateId(),
      String.valueOf(projected.sequence()),
      String.valueOf(projected.globalIndex()),
      plan,
      limit == null ? "" : String.valueOf(limit)
    };
  }

  /** The hash holding an account's plan in a generation (generation 1 shares it with the state). */
  static String planKey(int generation, String accountId) {
    return generation == 1 ? "account:" + accountId : "plan:g" + generation + ":" + accountId;
  }

  /** The key of a subscription's last applied sequence in a generation. */
  static String subscriptionKey(int generation, String subscriptionId) {
    return generation == 1
        ? "subscription:" + subscriptionId
        : "subscription:g" + generation + ":" + subscriptionId;
  }
}
