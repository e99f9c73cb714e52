package io.fourfold.eventing.projection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How a service runs its projections. */
@ConfigMapping(prefix = "fourfold.projection")
public interface ProjectionConfig {

  /** The topic events that can never be applied are sent to, with the reason. */
  @WithDefault("fourfold.dead-letters")
  String deadLetterTopic();

  /** The first pause before retrying an event whose store failed. */
  @WithDefault("PT0.1S")
  Duration retryInitialBackoff();

  /** The longest pause between retries; a failing store is retried until it recovers. */
  @WithDefault("PT10S")
  Duration retryMaxBackoff();

  /** The projection that {@code X-Consistent-With} waits for in this service's reads. */
  Optional<String> servesReads();
}
