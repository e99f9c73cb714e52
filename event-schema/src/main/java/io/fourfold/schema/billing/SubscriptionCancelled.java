package io.fourfold.schema.billing;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.Objects;

/** The subscription ended at {@code cancelledAt}; the account falls back to the default plan. */
@EventType(name = "billing.subscription-cancelled", revision = 1)
public record SubscriptionCancelled(
    String subscriptionId, String accountId, String planId, Instant cancelledAt)
    implements SubscriptionEvent {

  public SubscriptionCancelled {
    Checks.nonBlank(subscriptionId, "subscriptionId");
    Checks.nonBlank(accountId, "accountId");
    Checks.nonBlank(planId, "planId");
    Objects.requireNonNull(cancelledAt, "cancelledAt");
  }
}
