package io.fourfold.session.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts requests refused for a rate limit, by which limit refused them: {@code account} (a
 * signed-in caller's plan limit), {@code address} (public endpoints, per client address) and {@code
 * sign-in} (failed sign-in attempts per email or address). Exposed as {@code
 * fourfold_rate_limit_rejections_total}; a rising rate means a client or an attack meets a limit.
 */
// Started eagerly so every counter shows from the first scrape, at zero, before any refusal.
@Startup
@ApplicationScoped
public class RateLimitRejections {

  private final Counter account;
  private final Counter address;
  private final Counter signIn;

  public RateLimitRejections(MeterRegistry registry) {
    this.account = counter(registry, "account");
    this.address = counter(registry, "address");
    this.signIn = counter(registry, "sign-in");
  }

  public void byAccountLimit() {
    account.increment();
  }

  public void byAddressLimit() {
    address.increment();
  }

  public void bySignInThrottle() {
    signIn.increment();
  }

  private static Counter counter(MeterRegistry registry, String limit) {
    return Counter.builder("fourfold_rate_limit_rejections")
        .description("Requests refused by a rate limit")
        .tag("limit", limit)
        .register(registry);
  }
}
