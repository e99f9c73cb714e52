package io.fourfold.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long sessions live. */
@ConfigMapping(prefix = "fourfold.session")
public interface SessionConfig {

  /** A session unused for this long expires; each use extends it (sliding expiry). */
  @WithDefault("PT30M")
  Duration idleTimeout();
}
