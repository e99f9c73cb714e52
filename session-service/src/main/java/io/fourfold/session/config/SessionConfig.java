package io.fourfold.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Sessions, sign-in throttling and rate limits. */
@ConfigMapping(prefix = "fourfold")
public interface SessionConfig {

  /** Sessions. */
  Session session();

  /** Request rate limits. */
  RateLimit rateLimit();

  /** Sign-in throttling. */
  Login login();

  /** How long sessions live. */
  interface Session {
    /** A session unused for this long expires; each use extends it (sliding expiry). */
    @WithDefault("PT30M")
    Duration idleTimeout();
  }

  /** Requests allowed per window. */
  interface RateLimit {
    /** The window the limits count over. */
    @WithDefault("PT1M")
    Duration window();

    /** Requests per window of an account whose plan has no limit of its own. */
    @WithDefault("600")
    int defaultPerMinute();

    /** Requests per window from one client address on public endpoints. */
    @WithDefault("120")
    int publicPerMinute();

    /** Requests per window by plan id, until billing's plans say otherwise. */
    Map<String, Integer> plans();
  }

  /** Limits on failed sign-ins. */
  interface Login {
    /** Failures per email, and per client address, before sign-in is refused for a while. */
    @WithDefault("10")
    int maxFailures();

    /** How long failures are remembered. */
    @WithDefault("PT15M")
    Duration failureWindow();
  }
}
