package io.fourfold.schema.billing;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.Objects;

/** The subscription moved from one plan to another at {@code changedAt} (prorated by the day). */
@EventType(name = "billing.subscription-changed", revision = 1)
public record SubscriptionChanged(
    String subscriptionId,
    String accountId,
    String previousPlanId,
    String planId,
    int rateLimitPerMinute,
    Instant changedAt)
    implements SubscriptionEvent {

  public SubscriptionChanged {
    Checks.nonBlank(subscriptionId, "subscriptionId");
    Checks.nonBlank(accountId, "accountId");
    Checks.nonBlank(previousPlanId, "previousPlanId");
    Checks.nonBlank(planId, "planId");
    Checks.positive(rateLimitPerMinute, "rateLimitPerMinute");
    Objects.requireNonNull(changedAt, "changedAt");
  }
}
