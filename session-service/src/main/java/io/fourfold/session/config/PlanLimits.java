package io.fourfold.session.config;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Puts the configured requests-per-window of each plan where the auth script reads them, until
 * billing's plan events keep them there.
 */
@ApplicationScoped
public class PlanLimits {

  private static final Logger LOG = Logger.getLogger(PlanLimits.class);

  void publish(
      @Observes StartupEvent start, ReactiveRedisDataSource redis, RateLimitConfig config) {
    Map<String, String> limits = new HashMap<>();
    config.plans().forEach((plan, limit) -> limits.put(plan, String.valueOf(limit)));
    if (limits.isEmpty()) {
      return;
    }
    try {
      redis.hash(String.class).hset("plan-limits", limits).await().atMost(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      // Redis may be down at start; the auth script falls back to the default limit meanwhile.
      LOG.warnf("Could not publish plan limits to Redis: %s", e.getMessage());
    }
  }
}
