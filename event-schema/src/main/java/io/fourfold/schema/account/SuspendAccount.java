package io.fourfold.schema.account;

import io.fourfold.schema.AggregateCommand;
import io.fourfold.schema.Checks;
import java.time.Instant;
import java.util.Objects;

/** Suspend an active account, saying why. */
public record SuspendAccount(String accountId, String reason, Instant at)
    implements AggregateCommand {

  public SuspendAccount {
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
