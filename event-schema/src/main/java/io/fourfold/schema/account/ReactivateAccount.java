package io.fourfold.schema.account;

import io.fourfold.schema.AggregateCommand;
import io.fourfold.schema.Checks;
import java.time.Instant;
import java.util.Objects;

/** Make a suspended account active again, saying why. */
public record ReactivateAccount(String accountId, String reason, Instant at)
    implements AggregateCommand {

  public ReactivateAccount {
    Checks.nonBlank(accountId, "accountId");
    Checks.nonBlank(reason, "reason");
    Objects.requireNonNull(at, "at");
  }

  @Override
  public String aggregateId() {
    return accountId;
  }

  /** Always applies to the latest version: there is nothing a concurrent change could lose. */
  @Override
  public Long expectedVersion() {
    return null;
  }
}
