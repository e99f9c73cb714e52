package io.fourfold.session.state;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.fourfold.session.generation.PipelinedWrites;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * session-state's bulk load into a new generation: each account's events are folded in memory with
 * the live projector's rules ({@link SessionStateProjector#fields}, an event applying only when
 * newer than what is held, its fields replacing those it names, as apply-account.lua does), and
 * each account held is written with one run of that same script, with the last sequence and every
 * field its events set. The script's guard keeps a repeated flush (a resumed rebuild reading again
 * from its checkpoint) from changing anything; the generation held the fields of the events it had
 * applied, and those a fold sets again are the same. An erasure is a status like the others, so an
 * erased account stays erased unless a later event says otherwise, as it does live.
 */
final class AccountStateLoad implements RebuildableProjection.BulkLoad {

  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final String[] NONE = {};

  private final ReactiveRedisDataSource redis;
  private final String generation;
  private final int heldAccounts;
  private final Map<String, Folded> held = new HashMap<>();

  /** One account's events since the last flush: its last sequence and what they set. */
  private static final class Folded {
    long sequence = -1;
    String[] fields = NONE;
  }

  AccountStateLoad(ReactiveRedisDataSource redis, int generation, int heldAccounts) {
    this.redis = redis;
    this.generation = String.valueOf(generation);
    this.heldAccounts = heldAccounts;
  }

  @Override
  public boolean add(List<ProjectedEvent> events) {
    for (ProjectedEvent projected : events) {
      String[] fields = SessionStateProjector.fields(projected.event());
      if (fields == null) {
        continue;
      }
      Folded account = held.computeIfAbsent(projected.aggregateId(), id -> new Folded());
      if (account.sequence >= projected.sequence()) {
        continue;
      }
      account.sequence = projected.sequence();
      account.fields = set(account.fields, fields);
    }
    return held.size() >= heldAccounts;
  }

  @Override
  public void flush() {
    List<PipelinedWrites.Write> writes = new ArrayList<>(held.size());
    held.forEach(
        (id, account) ->
            writes.add(
                new PipelinedWrites.Write(
                    id,
                    SessionStateProjector.arguments(
                        id, generation, account.sequence, account.fields))));
    PipelinedWrites.send(
        redis,
        SessionStateProjector.applyScript(),
        List.of(SessionStateProjector.POINTER),
        writes,
        TIMEOUT);
    held.clear();
  }

  /**
   * An HSET's effect on field, value pairs: {@code later}'s fields replace or join {@code held}.
   */
  private static String[] set(String[] held, String[] later) {
    if (held.length == 0) {
      return later;
    }
    String[] merged = Arrays.copyOf(held, held.length + later.length);
    int size = held.length;
    next:
    for (int i = 0; i < later.length; i += 2) {
      for (int j = 0; j < size; j += 2) {
        if (merged[j].equals(later[i])) {
          merged[j + 1] = later[i + 1];
          continue next;
        }
      }
      merged[size++] = later[i];
      merged[size++] = later[i + 1];
    }
    return size == merged.length ? merged : Arrays.copyOf(merged, size);
  }
}
