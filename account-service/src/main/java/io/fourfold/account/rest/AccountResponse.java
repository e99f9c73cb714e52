package io.fourfold.account.rest;

import io.fourfold.account.query.AccountView;
import java.time.Instant;

/** An account as the API shows it. */
public record AccountResponse(
    String id,
    String email,
    String displayName,
    String status,
    String plan,
    long version,
    Instant createdAt) {

  static AccountResponse of(AccountView view) {
    return new AccountResponse(
        view.id,
        view.email,
        view.displayName,
        view.status,
        view.plan,
        view.version,
        view.createdAt);
  }
}
