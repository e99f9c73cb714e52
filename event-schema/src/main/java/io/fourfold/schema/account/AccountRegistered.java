package io.fourfold.schema.account;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import io.fourfold.schema.personal.PersonalData;
import java.time.Instant;
import java.util.Objects;

/**
 * An account was created: the first event of every account stream.
 *
 * @param role one of {@link AccountRole}; checked strictly by {@link RegisterAccount}, only for
 *     presence here, because an event is a fact already decided and a reader must not reject
 *     history (an older reader may meet a role added later)
 */
@EventType(name = "account.registered", revision = 1)
public record AccountRegistered(
    String accountId,
    PersonalData email,
    PersonalData displayName,
    PersonalData passwordHash,
    String role,
    Instant registeredAt)
    implements AccountEvent {

  public AccountRegistered {
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Checks.nonBlank(role, "role");
    Objects.requireNonNull(registeredAt, "registeredAt");
  }
}
