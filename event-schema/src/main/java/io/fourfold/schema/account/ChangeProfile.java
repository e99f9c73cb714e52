package io.fourfold.schema.account;

import io.fourfold.schema.AggregateCommand;
import io.fourfold.schema.Checks;
import io.fourfold.schema.personal.PersonalData;
import java.time.Instant;
import java.util.Objects;

/** Change the account's display name, if it is still at the version the sender saw. */
public record ChangeProfile(
    String accountId, PersonalData displayName, Long expectedVersion, Instant at)
    implements AggregateCommand {

  public ChangeProfile {
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(displayName, "displayName");
    Checks.optionalVersion(expectedVersion, "expectedVersion");
    Objects.requireNonNull(at, "at");
  }

  @Override
  public String aggregateId() {
    return accountId;
  }
}
