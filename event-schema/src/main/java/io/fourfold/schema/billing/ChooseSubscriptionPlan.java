package io.fourfold.schema.billing;

import io.fourfold.schema.AggregateCommand;
import io.fourfold.schema.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * Put an account on a plan: starts its subscription when it has none running, changes the plan
 * otherwise. Carries the plan's rate limit, which the resulting event publishes.
 */
public record ChooseSubscriptionPlan(
    String subscriptionId, String accountId, String planId, int rateLimitPerMinute, Instant at)
    implements AggregateCommand {

  public ChooseSubscriptionPlan {
    Checks.nonBlank(subscriptionId, "subscriptionId");
    Checks.nonBlank(accountId, "accountId");
    Checks.nonBlank(planId, "planId");
    Checks.positive(rateLimitPerMinute, "rateLimitPerMinute");
    Objects.requireNonNull(at, "at");
  }

  @Override
  public String aggregateId() {
    return subscriptionId;
  }

  /** The last writer wins: choosing a plan never depends on what was seen before. */
  @Override
  public Long expectedVersion() {
    return null;
  }
}
