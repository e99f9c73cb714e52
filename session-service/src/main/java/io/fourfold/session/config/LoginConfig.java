package io.fourfold.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits on failed sign-ins. */
@ConfigMapping(prefix = "fourfold.login")
public interface LoginConfig {

  /** Failures for one email before signing in to it is refused for a while. */
  @WithDefault("10")
  int maxFailuresPerEmail();

  /**
   * Failures from one client address before it may not sign in for a while; higher, since many
   * people can share an address.
   */
  @WithDefault("100")
  int maxFailuresPerAddress();

  /** How long failures are remembered. */
  @WithDefault("PT15M")
  Duration failureWindow();
}
