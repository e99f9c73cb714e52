package io.fourfold.schema.billing;

import io.fourfold.schema.AggregateCommand;
import io.fourfold.schema.Checks;
import java.time.Instant;
import java.util.Objects;

/** End an account's running subscription. */
public record CancelSubscription(String subscriptionId, String accountId, Instant at)
    implements AggregateCommand {

  public CancelSubscription {
    Checks.nonBlank(subscriptionId, "subscriptionId");
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(at, "at");
  }

  @Override
  public String aggregateId() {
    return subscriptionId;
  }

  @Override
  public Long expectedVersion() {
    return null;
  }
}
