package io.fourfold.account.query;

import io.fourfold.account.command.AccountStatus;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.account.AccountEmailChanged;
import io.fourfold.schema.account.AccountEvent;
import io.fourfold.schema.account.AccountPasswordChanged;
import io.fourfold.schema.account.AccountProfileChanged;
import io.fourfold.schema.account.AccountReactivated;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.personal.PersonalData;
import io.fourfold.schema.personal.PersonalDataCipher;

/**
 * The account read model's rules, in one place: the live projector applies them to rows it reads
 * through Hibernate, a rebuild to rows it folds in bulk ({@link AccountReadModelGenerations}).
 * Registration creates the row unless the account is known or erased; erasure deletes it and leaves
 * a tombstone (the caller's part); every other event changes a row only when it is newer than the
 * row's version.
 */
final class AccountViewFold {

  /**
   * What a row holds for an event's sealed personal data: the live projector opens it at once
   * ({@link PersonalDataCipher#openOrRedacted}); a rebuild may keep it sealed until the row is
   * written, so that only the last value of each field is opened.
   */
  @FunctionalInterface
  interface Opener {
    String open(String accountId, PersonalData sealed);
  }

  private AccountViewFold() {}

  /** The row a registration creates. */
  static AccountView registered(AccountRegistered event, ProjectedEvent projected, Opener opener) {
    AccountView view = new AccountView();
    view.id = event.accountId();
    view.email = opener.open(event.accountId(), event.email());
    view.displayName = opener.open(event.accountId(), event.displayName());
    view.passwordHash = opener.open(event.accountId(), event.passwordHash());
    view.role = event.role();
    view.status = AccountStatus.ACTIVE.apiName();
    view.plan = AccountReadModelProjector.DEFAULT_PLAN;
    view.version = projected.sequence();
    view.createdAt = event.registeredAt();
    view.updatedAt = event.registeredAt();
    return view;
  }

  /**
   * Applies a change to the row when it is newer than the row; answers whether it did. Personal
   * data of an account whose key is destroyed reads as redacted.
   */
  static boolean changed(
      AccountView view, AccountEvent event, ProjectedEvent projected, Opener opener) {
    if (view.version >= projected.sequence()) {
      return false;
    }
    if (event instanceof AccountProfileChanged changed) {
      view.displayName = opener.open(view.id, changed.displayName());
    } else if (event instanceof AccountEmailChanged changed) {
      view.email = opener.open(view.id, changed.email());
    } else if (event instanceof AccountPasswordChanged changed) {
      view.passwordHash = opener.open(view.id, changed.passwordHash());
    } else if (event instanceof AccountSuspended) {
      view.status = AccountStatus.SUSPENDED.apiName();
    } else if (event instanceof AccountReactivated) {
      view.status = AccountStatus.ACTIVE.apiName();
    }
    view.version = projected.sequence();
    view.updatedAt = projected.occurredAt();
    return true;
  }
}
