package io.fourfold.billing.plan;

import io.fourfold.billing.money.Money;
import java.util.Objects;

/**
 * A plan on sale: what it costs per calendar month and how many requests a minute it allows.
 *
 * @param id the plan's id, as in the configuration and in subscription events
 * @param name the plan's display name
 * @param monthlyPrice the price of one calendar month on the plan
 * @param rateLimitPerMinute the requests a minute an account on this plan may make
 */
public record Plan(String id, String name, Money monthlyPrice, int rateLimitPerMinute) {

  public Plan {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(monthlyPrice, "monthlyPrice");
    if (rateLimitPerMinute <= 0) {
      throw new IllegalArgumentException("rateLimitPerMinute must be positive: " + id);
    }
  }
}
