package io.fourfold.account.application;

import io.fourfold.schema.consistency.ConsistencyToken;
import java.time.Instant;

/** A newly registered account, as the registration recorded it. */
public record RegisteredAccount(
    String accountId, String email, String displayName, String role, Instant registeredAt) {

  /** The token of the registration: the account's first event. */
  public ConsistencyToken token() {
    return new ConsistencyToken(accountId, 0);
  }
}
