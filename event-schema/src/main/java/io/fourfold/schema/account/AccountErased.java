package io.fourfold.schema.account;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.Objects;

/**
 * The account was erased: its personal-data key is destroyed, so its personal data reads as
 * redacted.
 */
@EventType(name = "account.erased", revision = 1)
public record AccountErased(String accountId, Instant erasedAt) implements AccountEvent {

  public AccountErased {
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(erasedAt, "erasedAt");
  }
}
