package io.fourfold.bench;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountProfileChanged;
import io.fourfold.schema.account.AccountReactivated;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.account.ChangeProfile;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * The benchmark's aggregate: the event-sourcing side of account-service's {@code Account} for the
 * command the benchmark sends ({@link ChangeProfile}), with the same state, the same events of
 * {@code event-schema} and the same handlers, so loading one costs what loading an account costs. A
 * copy because account-service is an application, not a library.
 */
public class BenchAccount {

  /** Axon's aggregate type name, stored with every event. */
  static final String TYPE = BenchAccount.class.getSimpleName();

  @AggregateIdentifier private String accountId;
  private String status;

  /** For Axon, which rebuilds the aggregate from its events or its snapshot. */
  protected BenchAccount() {}

  @CommandHandler
  public long handle(ChangeProfile command) {
    if ("ERASED".equals(status)) {
      throw new IllegalStateException("account " + accountId + " was erased");
    }
    apply(new AccountProfileChanged(accountId, command.displayName(), command.at()));
    return getVersion();
  }

  @EventSourcingHandler
  void on(AccountRegistered event) {
    accountId = event.accountId();
    status = "ACTIVE";
  }

  @EventSourcingHandler
  void on(AccountSuspended event) {
    status = "SUSPENDED";
  }

  @EventSourcingHandler
  void on(AccountReactivated event) {
    status = "ACTIVE";
  }

  @EventSourcingHandler
  void on(AccountErased event) {
    status = "ERASED";
  }
}
