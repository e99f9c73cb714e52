package io.fourfold.schema.account;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import io.fourfold.schema.personal.PersonalData;
import java.time.Instant;
import java.util.Objects;

/** The account's display name changed. */
@EventType(name = "account.profile-changed", revision = 1)
public record AccountProfileChanged(String accountId, PersonalData displayName, Instant changedAt)
    implements AccountEvent {

  public AccountProfileChanged {
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(changedAt, "changedAt");
  }
}
