package io.fourfold.schema.account;

import io.fourfold.schema.AggregateCommand;
import io.fourfold.schema.Checks;
import io.fourfold.schema.personal.PersonalData;
import java.time.Instant;
import java.util.Objects;

/** Change the account's e-mail address, if it is still at the version the sender saw. */
public record ChangeEmail(String accountId, PersonalData email, Long expectedVersion, Instant at)
    implements AggregateCommand {

  public ChangeEmail {
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(email, "email");
    Checks.optionalVersion(expectedVersion, "expectedVersion");
    Objects.requireNonNull(at, "at");
  }

  @Override
  public String aggregateId() {
    return accountId;
  }
}
