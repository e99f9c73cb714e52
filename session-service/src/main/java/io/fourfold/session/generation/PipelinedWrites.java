package io.fourfold.session.generation;

import io.fourfold.session.config.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A bulk load's writes, each one run of a live script, sent to Redis many at a time: awaiting each
 * run's answer before sending the next left Redis idle most of the time (about 21,000 runs/s). A
 * hundred runs go in one call of the script run per group ({@link LuaScript#perGroup}), which
 * spares Redis and the client most of a call's own cost, and ten such calls go in one batch. Writes
 * are spread over a few connections by their lane; a lane's writes run in the order given (one
 * after the other in a call, calls in order on one connection at a time, and Redis runs a
 * connection's calls in order), so writes that must follow each other (one account's) share a lane.
 */
public final class PipelinedWrites {

  /** Runs of the script per call: a call holds Redis for well under a millisecond. */
  private static final int RUNS_PER_CALL = 100;

  /** Calls per batch, a batch being sent and answered at once on one connection. */
  private static final int CALLS_PER_BATCH = 10;

  /** Connections used at once (the service's pool has 16). */
  private static final int LANES = 4;

  private static final Logger LOG = Logger.getLogger(PipelinedWrites.class);

  /** One run of the script with these arguments; runs of the same lane run in the order given. */
  public record Write(String lane, String[] args) {}

  private PipelinedWrites() {}

  /**
   * Runs {@code script} with {@code keys} and each write's arguments, waiting for all of them;
   * fails if one fails.
   */
  public static void send(
      ReactiveRedisDataSource redis,
      LuaScript script,
      List<String> keys,
      List<Write> writes,
      Duration timeout) {
    if (writes.isEmpty()) {
      return;
    }
    long began = System.nanoTime();
    LuaScript perGroup = script.perGroup();
    // A batch cannot fall back to the script's source: Redis must have it cached (it keeps it
    // until a restart, which fails a batch and makes it cache the script and send the batch again).
    perGroup.cache(redis).await().atMost(timeout);
    List<List<Write>> lanes = new ArrayList<>();
    for (int i = 0; i < LANES; i++) {
      lanes.add(new ArrayList<>());
    }
    for (Write write : writes) {
      lanes.get(Math.floorMod(write.lane().hashCode(), LANES)).add(write);
    }
    List<Uni<Void>> sending = new ArrayList<>();
    for (List<Write> lane : lanes) {
      if (lane.isEmpty()) {
        continue;
      }
      Uni<Void> chain = Uni.createFrom().voidItem();
      int perBatch = RUNS_PER_CALL * CALLS_PER_BATCH;
      for (int from = 0; from < lane.size(); from += perBatch) {
        List<Write> batch = lane.subList(from, Math.min(lane.size(), from + perBatch));
        chain = chain.chain(() -> batch(redis, perGroup, keys, batch));
      }
      sending.add(chain);
    }
    Uni.join().all(sending).andFailFast().await().atMost(timeout);
    LOG.debugf("%s writes in %.2f s", (Object) writes.size(), (System.nanoTime() - began) / 1e9);
  }

  /** One batch; sent again once if Redis lost the script (every run is idempotent). */
  private static Uni<Void> batch(
      ReactiveRedisDataSource redis, LuaScript perGroup, List<String> keys, List<Write> writes) {
    List<Request> calls = new ArrayList<>();
    for (int from = 0; from < writes.size(); from += RUNS_PER_CALL) {
      List<Write> runs = writes.subList(from, Math.min(writes.size(), from + RUNS_PER_CALL));
      int size = 0;
      for (Write run : runs) {
        size += run.args().length + 1;
      }
      String[] args = new String[size];
      int at = 0;
      for (Write run : runs) {
        args[at++] = String.valueOf(run.args().length);
        System.arraycopy(run.args(), 0, args, at, run.args().length);
        at += run.args().length;
      }
      calls.add(perGroup.request(keys, args));
    }
    return redis
        .getRedis()
        .batch(calls)
        .onFailure(failure -> String.valueOf(failure.getMessage()).contains("NOSCRIPT"))
        .recoverWithUni(() -> perGroup.cache(redis).chain(() -> redis.getRedis().batch(calls)))
        .replaceWithVoid();
  }
}
