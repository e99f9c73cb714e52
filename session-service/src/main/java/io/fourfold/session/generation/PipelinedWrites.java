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
 * A bulk load's script calls sent to Redis many at a time: awaiting each call's answer before
 * sending the next left Redis idle most of the time (about 21,000 calls/s), while a connection
 * carrying a thousand calls at once keeps it busy. Calls are spread over a few connections by their
 * lane; the calls of one lane are sent in order on one connection at a time, and Redis runs a
 * connection's calls in order, so calls that must follow each other (one account's) share a lane.
 */
public final class PipelinedWrites {

  /**
   * Calls per batch: under the client's default of 2,048 answers awaited per connection, and enough
   * for Redis to run a batch while the client encodes the next.
   */
  private static final int CHUNK = 1_000;

  /** Connections used at once (the service's pool has 16). */
  private static final int LANES = 4;

  private static final Logger LOG = Logger.getLogger(PipelinedWrites.class);

  /** One script call; calls of the same lane run in the order given. */
  public record Write(String lane, Request request) {}

  private PipelinedWrites() {}

  /** Sends every call of {@code script}, waiting for all of them; fails if one fails. */
  public static void send(
      ReactiveRedisDataSource redis, LuaScript script, List<Write> writes, Duration timeout) {
    if (writes.isEmpty()) {
      return;
    }
    // A batch cannot fall back to the script's source: Redis must have it cached (it keeps it
    // until a restart, which fails the batch and makes it cache and send again).
    long began = System.nanoTime();
    script.cache(redis).await().atMost(timeout);
    List<List<Request>> lanes = new ArrayList<>();
    for (int i = 0; i < LANES; i++) {
      lanes.add(new ArrayList<>());
    }
    for (Write write : writes) {
      lanes.get(Math.floorMod(write.lane().hashCode(), LANES)).add(write.request());
    }
    List<Uni<Void>> sending = new ArrayList<>();
    for (List<Request> lane : lanes) {
      if (lane.isEmpty()) {
        continue;
      }
      Uni<Void> chain = Uni.createFrom().voidItem();
      for (int from = 0; from < lane.size(); from += CHUNK) {
        List<Request> chunk = lane.subList(from, Math.min(lane.size(), from + CHUNK));
        chain = chain.chain(() -> batch(redis, script, chunk));
      }
      sending.add(chain);
    }
    Uni.join().all(sending).andFailFast().await().atMost(timeout);
    LOG.debugf(
        "%s script calls in %.2f s", (Object) writes.size(), (System.nanoTime() - began) / 1e9);
  }

  /** One batch; sent again once if Redis lost the script (the calls are idempotent). */
  private static Uni<Void> batch(
      ReactiveRedisDataSource redis, LuaScript script, List<Request> chunk) {
    return redis
        .getRedis()
        .batch(chunk)
        .onFailure(failure -> String.valueOf(failure.getMessage()).contains("NOSCRIPT"))
        .recoverWithUni(() -> script.cache(redis).chain(() -> redis.getRedis().batch(chunk)))
        .replaceWithVoid();
  }
}
