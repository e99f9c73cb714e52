package io.fourfold.session.state;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.fourfold.schema.billing.SubscriptionEvent;
import io.fourfold.session.generation.PipelinedWrites;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * session-plans' bulk load into a new generation. Read in the store's order, every subscription
 * event applies (apply-plan.lua) and replaces the account's plan and its subscription's sequence
 * whole, so what survives a run of events is each account's last one and each subscription's last
 * one: only those are held, and written with the live script in the store's order, one account's on
 * one connection. The script's guards skip them where the generation already holds them (a resumed
 * rebuild reading again from its checkpoint).
 */
final class PlansLoad implements RebuildableProjection.BulkLoad {

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final ReactiveRedisDataSource redis;
  private final PlanProjector projector;
  private final String generation;
  private final int held;
  private final Map<String, ProjectedEvent> lastOfAccount = new HashMap<>();
  private final Map<String, ProjectedEvent> lastOfSubscription = new HashMap<>();

  PlansLoad(ReactiveRedisDataSource redis, PlanProjector projector, int generation, int held) {
    this.redis = redis;
    this.projector = projector;
    this.generation = String.valueOf(generation);
    this.held = held;
  }

  @Override
  public boolean add(List<ProjectedEvent> events) {
    for (ProjectedEvent projected : events) {
      if (projected.event() instanceof SubscriptionEvent subscription) {
        lastOfAccount.put(subscription.accountId(), projected);
        lastOfSubscription.put(projected.aggregateId(), projected);
      }
    }
    return lastOfAccount.size() + lastOfSubscription.size() >= held;
  }

  @Override
  public void flush() {
    Map<ProjectedEvent, Boolean> kept = new IdentityHashMap<>();
    lastOfAccount.values().forEach(event -> kept.put(event, true));
    lastOfSubscription.values().forEach(event -> kept.put(event, true));
    List<ProjectedEvent> ordered = new ArrayList<>(kept.keySet());
    ordered.sort(Comparator.comparingLong(ProjectedEvent::globalIndex));
    List<PipelinedWrites.Write> writes = new ArrayList<>(ordered.size());
    for (ProjectedEvent event : ordered) {
      writes.add(
          new PipelinedWrites.Write(
              ((SubscriptionEvent) event.event()).accountId(),
              projector.arguments(event, generation)));
    }
    PipelinedWrites.send(
        redis, PlanProjector.applyScript(), List.of(PlanProjector.POINTER), writes, TIMEOUT);
    lastOfAccount.clear();
    lastOfSubscription.clear();
  }
}
