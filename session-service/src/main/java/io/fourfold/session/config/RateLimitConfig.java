package io.fourfold.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Requests allowed per window: per account by plan, per client address on public endpoints. */
@ConfigMapping(prefix = "fourfold.rate-limit")
public interface RateLimitConfig {

  /** The window the limits count over. */
  @WithDefault("PT1M")
  Duration window();

  /** Requests per window of an account whose plan has no limit of its own. */
  @WithDefault("600")
  int defaultPerMinute();

  /** Requests per window from one client address on public endpoints. */
  @WithDefault("120")
  int publicPerMinute();

  /**
   * Requests per window by plan id: the fallback catalogue for accounts whose plan limit billing's
   * events have not set (billing's subscription events carry the plan's limit).
   */
  Map<String, Integer> plans();

  /** The plan of an account without a subscription, and after one is cancelled. */
  @WithDefault("free")
  String defaultPlan();
}
