package io.fourfold.schema.billing;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.Objects;

/** The account subscribed to a plan; billing for it starts at {@code startedAt}. */
@EventType(name = "billing.subscription-started", revision = 1)
public record SubscriptionStarted(
    String subscriptionId,
    String accountId,
    String planId,
    int rateLimitPerMinute,
    Instant startedAt)
    implements SubscriptionEvent {

  public SubscriptionStarted {
    Checks.nonBlank(subscriptionId, "subscriptionId");
    Checks.nonBlank(accountId, "accountId");
    Checks.nonBlank(planId, "planId");
    Checks.positive(rateLimitPerMinute, "rateLimitPerMinute");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
