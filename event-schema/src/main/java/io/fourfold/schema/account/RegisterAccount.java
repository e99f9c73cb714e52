package io.fourfold.schema.account;

import io.fourfold.schema.AggregateCommand;
import io.fourfold.schema.Checks;
import io.fourfold.schema.personal.PersonalData;
import java.time.Instant;
import java.util.Objects;

/** Create an account; the id comes from the caller so a retried request cannot create two. */
public record RegisterAccount(
    String accountId,
    PersonalData email,
    PersonalData displayName,
    PersonalData passwordHash,
    String role,
    Instant at)
    implements AggregateCommand {

  public RegisterAccount {
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(passwordHash, "passwordHash");
    if (!AccountRole.isKnown(role)) {
      throw new IllegalArgumentException("role must be user or admin: " + role);
    }
    Objects.requireNonNull(at, "at");
  }

  @Override
  public String aggregateId() {
    return accountId;
  }

  /** A new account has no version to check against. */
  @Override
  public Long expectedVersion() {
    return null;
  }
}
