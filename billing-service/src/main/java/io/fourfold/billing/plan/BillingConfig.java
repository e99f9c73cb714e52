package io.fourfold.billing.plan;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** The plan catalogue and billing defaults. */
@ConfigMapping(prefix = "fourfold.billing")
public interface BillingConfig {

  /** The plans on sale, by plan id. */
  Map<String, PlanSettings> plans();

  /** The plan of an account without a running subscription; must be in {@link #plans()}. */
  @WithDefault("free")
  String defaultPlan();

  /** One plan of the catalogue. */
  interface PlanSettings {

    /** The name shown to customers. */
    String name();

    /** The price of one calendar month, in minor units of {@link #currency()}. */
    long monthlyPriceMinor();

    /** The ISO 4217 currency of the price. */
    String currency();

    /** The requests a minute an account on this plan may make. */
    int rateLimitPerMinute();
  }
}
