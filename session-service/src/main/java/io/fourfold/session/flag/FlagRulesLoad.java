package io.fourfold.session.flag;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.fourfold.schema.flag.FeatureFlagChanged;
import io.fourfold.session.generation.PipelinedWrites;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * feature-flags' bulk load into a new generation: a flag's rule is all of its last event (the
 * script keeps the newest by sequence), so only each flag's newest event since the last flush is
 * held, and written with the live script, which still skips it when the generation holds a newer
 * one (a resumed rebuild).
 */
final class FlagRulesLoad implements RebuildableProjection.BulkLoad {

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final ReactiveRedisDataSource redis;
  private final FlagProjector projector;
  private final String generation;
  private final int heldFlags;
  private final Map<String, ProjectedEvent> held = new HashMap<>();

  FlagRulesLoad(
      ReactiveRedisDataSource redis, FlagProjector projector, int generation, int heldFlags) {
    this.redis = redis;
    this.projector = projector;
    this.generation = String.valueOf(generation);
    this.heldFlags = heldFlags;
  }

  @Override
  public boolean add(List<ProjectedEvent> events) {
    for (ProjectedEvent projected : events) {
      if (projected.event() instanceof FeatureFlagChanged changed) {
        held.merge(
            changed.flagKey(),
            projected,
            (before, later) -> later.sequence() > before.sequence() ? later : before);
      }
    }
    return held.size() >= heldFlags;
  }

  @Override
  public void flush() {
    List<PipelinedWrites.Write> writes = new ArrayList<>(held.size());
    held.forEach(
        (flag, last) ->
            writes.add(new PipelinedWrites.Write(flag, projector.arguments(last, generation))));
    PipelinedWrites.send(
        redis, FlagProjector.applyScript(), List.of(FlagProjector.POINTER), writes, TIMEOUT);
    held.clear();
  }
}
