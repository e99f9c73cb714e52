package io.fourfold.schema.account;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import io.fourfold.schema.personal.PersonalData;
import java.time.Instant;
import java.util.Objects;

/** The account's e-mail address changed. */
@EventType(name = "account.email-changed", revision = 1)
public record AccountEmailChanged(String accountId, PersonalData email, Instant changedAt)
    implements AccountEvent {

  public AccountEmailChanged {
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(changedAt, "changedAt");
  }
}
