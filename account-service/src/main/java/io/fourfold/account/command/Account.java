package io.fourfold.account.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import io.fourfold.schema.account.AccountEmailChanged;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountPasswordChanged;
import io.fourfold.schema.account.AccountProfileChanged;
import io.fourfold.schema.account.AccountReactivated;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.account.ChangeEmail;
import io.fourfold.schema.account.ChangePassword;
import io.fourfold.schema.account.ChangeProfile;
import io.fourfold.schema.account.EraseAccount;
import io.fourfold.schema.account.ReactivateAccount;
import io.fourfold.schema.account.RegisterAccount;
import io.fourfold.schema.account.SuspendAccount;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An account: decides which changes are allowed and records them as events. Every handler of an
 * existing account answers the sequence of the account's last event, which becomes the client's
 * consistency token and ETag.
 */
public class Account {

  @AggregateIdentifier private String accountId;
  private AccountStatus status;

  /** For Axon, which rebuilds an account from its events. */
  protected Account() {}

  @CommandHandler
  public Account(RegisterAccount command) {
    apply(
        new AccountRegistered(
            command.accountId(),
            command.email(),
            command.displayName(),
            command.passwordHash(),
            command.role(),
            command.at()));
  }

  @CommandHandler
  public long handle(ChangeProfile command) {
    requireNotErased();
    apply(new AccountProfileChanged(accountId, command.displayName(), command.at()));
    return getVersion();
  }

  @CommandHandler
  public long handle(ChangeEmail command) {
    requireNotErased();
    apply(new AccountEmailChanged(accountId, command.email(), command.at()));
    return getVersion();
  }

  @CommandHandler
  public long handle(ChangePassword command) {
    requireNotErased();
    apply(new AccountPasswordChanged(accountId, command.passwordHash(), command.at()));
    return getVersion();
  }

  @CommandHandler
  public long handle(SuspendAccount command) {
    requireNotErased();
    if (status != AccountStatus.SUSPENDED) {
      apply(new AccountSuspended(accountId, command.reason(), command.at()));
    }
    return getVersion();
  }

  @CommandHandler
  public long handle(ReactivateAccount command) {
    requireNotErased();
    if (status != AccountStatus.ACTIVE) {
      apply(new AccountReactivated(accountId, command.reason(), command.at()));
    }
    return getVersion();
  }

  @CommandHandler
  public long handle(EraseAccount command) {
    if (status != AccountStatus.ERASED) {
      apply(new AccountErased(accountId, command.at()));
    }
    return getVersion();
  }

  @EventSourcingHandler
  void on(AccountRegistered event) {
    accountId = event.accountId();
    status = AccountStatus.ACTIVE;
  }

  @EventSourcingHandler
  void on(AccountSuspended event) {
    status = AccountStatus.SUSPENDED;
  }

  @EventSourcingHandler
  void on(AccountReactivated event) {
    status = AccountStatus.ACTIVE;
  }

  @EventSourcingHandler
  void on(AccountErased event) {
    status = AccountStatus.ERASED;
  }

  private void requireNotErased() {
    if (status == AccountStatus.ERASED) {
      throw new AccountErasedException(accountId);
    }
  }
}
