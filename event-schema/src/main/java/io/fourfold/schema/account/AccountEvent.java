package io.fourfold.schema.account;

import io.fourfold.schema.DomainEvent;

/**
 * An event of the account aggregate, whose aggregate id is the account id. Sealed so the list of
 * account events is known at compile time and checked against the codec's registry.
 */
public sealed interface AccountEvent extends DomainEvent
    permits AccountRegistered,
        AccountProfileChanged,
        AccountEmailChanged,
        AccountPasswordChanged,
        AccountSuspended,
        AccountReactivated,
        AccountErased {

  /** The account this event belongs to. */
  String accountId();

  @Override
  default String aggregateId() {
    return accountId();
  }
}
