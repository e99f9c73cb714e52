package io.fourfold.blob.exports.projection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the exports projection's worker builds exports and erases accounts. */
@ConfigMapping(prefix = "fourfold.exports")
public interface ExportsConfig {

  /**
   * How long a job waits after the event that made it, so events committed just before it on other
   * partitions of the topic are folded in first.
   */
  @WithDefault("PT1S")
  Duration settle();

  /** How often the worker looks for jobs. */
  @WithDefault("PT1S")
  Duration pollInterval();

  /** Attempts at building an export before it is recorded as failed. */
  @WithDefault("5")
  int maxAttempts();

  /**
   * Run the worker (builds exports, erases accounts). Off, the projection only folds events: how a
   * rebuild replays history without acting on it.
   */
  @WithDefault("true")
  boolean workerEnabled();
}
