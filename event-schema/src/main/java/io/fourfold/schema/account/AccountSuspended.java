package io.fourfold.schema.account;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.Objects;

/** The account was suspended: it can no longer sign in, and its sessions end. */
@EventType(name = "account.suspended", revision = 1)
public record AccountSuspended(String accountId, String reason, Instant suspendedAt)
    implements AccountEvent {

  public AccountSuspended {
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(suspendedAt, "suspendedAt");
  }
}
