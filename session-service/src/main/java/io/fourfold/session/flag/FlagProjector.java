package io.fourfold.session.flag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.Projector;
import io.fourfold.schema.flag.FeatureFlagChanged;
import io.fourfold.session.config.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Keeps every flag's rule in one Redis hash, so evaluating all flags for a request is one read.
 * Each rule carries the sequence of the flag event it came from, and a write happens only for a
 * newer one (in the same script), so redelivered and reordered events change nothing.
 */
@ApplicationScoped
public class FlagProjector implements Projector {

  /** The projection's name, its consumer group and channel. */
  public static final String NAME = "feature-flags";

  /** The Redis hash holding the rules of generation 1, by flag key. */
  static final String KEY = "flags";

  /** The key naming the serving generation ({@link FlagGenerations}); absent means 1. */
  static final String POINTER = "flags:generation";

  private static final LuaScript APPLY = LuaScript.load("redis/apply-flag.lua");
  static final LuaScript READ = LuaScript.load("redis/read-flags.lua");

  private final ReactiveRedisDataSource redis;
  private final ObjectMapper json;

  public FlagProjector(ReactiveRedisDataSource redis, ObjectMapper json) {
    this.redis = redis;
    this.json = json;
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
    return applyTo(projected, "");
  }

  /**
   * Applies one event to a generation's hash ({@code ""}: the serving one, read in the same script
   * as the write).
   */
  Uni<Void> applyTo(ProjectedEvent projected, String generation) {
    return APPLY.runUnlessNone(redis, List.of(POINTER), arguments(projected, generation));
  }

  /** The script {@link #applyTo} runs, with {@link #POINTER} as its key. */
  static LuaScript applyScript() {
    return APPLY;
  }

  /**
   * The script's arguments for an event, as {@link #applyTo} and a bulk load ({@link
   * FlagRulesLoad}) write it; null for an event this projection does not use.
   */
  String[] arguments(ProjectedEvent projected, String generation) {
    if (!(projected.event() instanceof FeatureFlagChanged changed)) {
      return null;
    }
    FlagRule rule =
        new FlagRule(
            projected.sequence(),
            changed.enabled(),
            changed.rolloutPercent(),
            new LinkedHashSet<>(changed.allowAccounts()),
            new LinkedHashSet<>(changed.denyAccounts()));
    return new String[] {
      changed.flagKey(), String.valueOf(projected.sequence()), write(rule), generation
    };
  }

  @Override
  public Uni<Long> appliedSequence(String flagKey) {
    return READ.run(redis, List.of(POINTER), flagKey)
        .map(
            rule ->
                rule == null || rule.toString() == null ? -1L : read(rule.toString()).sequence());
  }

  /** The hash of a generation's rules. */
  static String key(int generation) {
    return generation == 1 ? KEY : KEY + ":g" + generation;
  }

  FlagRule read(String rule) {
    try {
      return json.readValue(rule, FlagRule.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable flag rule in Redis: " + rule, e);
    }
  }

  private String write(FlagRule rule) {
    try {
      return json.writeValueAsString(rule);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a flag rule", e);
    }
  }
}
