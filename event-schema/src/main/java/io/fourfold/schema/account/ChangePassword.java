package io.fourfold.schema.account;

import io.fourfold.schema.AggregateCommand;
import io.fourfold.schema.Checks;
import io.fourfold.schema.personal.PersonalData;
import java.time.Instant;
import java.util.Objects;

/** Replace the account's password hash. */
public record ChangePassword(String accountId, PersonalData passwordHash, Instant at)
    implements AggregateCommand {

  public ChangePassword {
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(passwordHash, "passwordHash");
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
