package io.fourfold.schema.account;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import io.fourfold.schema.personal.PersonalData;
import java.time.Instant;
import java.util.Objects;

/** The account's password changed; only its hash, sealed, is recorded. */
@EventType(name = "account.password-changed", revision = 1)
public record AccountPasswordChanged(String accountId, PersonalData passwordHash, Instant changedAt)
    implements AccountEvent {

  public AccountPasswordChanged {
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(changedAt, "changedAt");
  }
}
