package io.fourfold.schema.account;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.Objects;

/** A suspended account was made active again. */
@EventType(name = "account.reactivated", revision = 1)
public record AccountReactivated(String accountId, String reason, Instant reactivatedAt)
    implements AccountEvent {

  public AccountReactivated {
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(reactivatedAt, "reactivatedAt");
  }
}
