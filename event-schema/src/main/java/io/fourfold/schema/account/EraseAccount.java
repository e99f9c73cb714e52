package io.fourfold.schema.account;

import io.fourfold.schema.AggregateCommand;
import io.fourfold.schema.Checks;
import java.time.Instant;
import java.util.Objects;

/** Erase an account: destroy its personal-data key and record the erasure. */
public record EraseAccount(String accountId, Instant at) implements AggregateCommand {

  public EraseAccount {
    Checks.nonBlank(accountId, "accountId");
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
