package io.fourfold.session.flag;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Evaluates every flag for one account from the projection: one Redis read per request. */
@ApplicationScoped
public class Flags {

  private final ReactiveRedisDataSource redis;
  private final FlagProjector projection;

  public Flags(ReactiveRedisDataSource redis, FlagProjector projection) {
    this.redis = redis;
    this.projection = projection;
  }

  /** Each flag's key and whether it is on for the account, sorted by key. */
  public Uni<Map<String, Boolean>> evaluateFor(String accountId) {
    // The serving generation's hash (see FlagGenerations), in one script: one round trip.
    return FlagProjector.READ
        .run(redis, List.of(FlagProjector.POINTER), "")
        .map(
            response -> {
              Map<String, String> rules = new java.util.HashMap<>();
              for (int i = 0; response != null && i + 1 < response.size(); i += 2) {
                rules.put(response.get(i).toString(), response.get(i + 1).toString());
              }
              Map<String, Boolean> flags = new TreeMap<>();
              rules.forEach(
                  (key, rule) -> flags.put(key, projection.read(rule).isOnFor(key, accountId)));
              return flags;
            });
  }
}
