package io.fourfold.account.query;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.Projector;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountEvent;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.personal.PersonalDataCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the account read model: one row per account, each write guarded by the account's event
 * sequence so a redelivered or repeated event changes nothing. The rules are {@link
 * AccountViewFold}'s, shared with rebuilds; the tables are reached through the views {@code
 * account_view} and {@code account_view_tombstone}, which name the serving generation, so live
 * writes follow a switch.
 */
@ApplicationScoped
public class AccountReadModelProjector implements Projector {

  /** The projection's name, its consumer group and the channel that feeds it. */
  public static final String NAME = "account-read-model";

  /** The plan an account has until billing says otherwise. */
  public static final String DEFAULT_PLAN = "free";

  private final AccountDataKeys keys;

  public AccountReadModelProjector(AccountDataKeys keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProjectionStore store() {
    return ProjectionStore.POSTGRESQL;
  }

  @Override
  public Uni<Void> apply(ProjectedEvent projected) {
    return applyAll(List.of(projected));
  }

  /**
   * A poll's events in one transaction: the keys of all their accounts in one query, each row read
   * once into the session and flushed once at commit.
   */
  @Override
  public Uni<Void> applyAll(List<ProjectedEvent> events) {
    List<ProjectedEvent> accountEvents =
        events.stream().filter(projected -> projected.event() instanceof AccountEvent).toList();
    if (accountEvents.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Set<String> accountIds = new HashSet<>();
    accountEvents.forEach(projected -> accountIds.add(projected.aggregateId()));
    return keys.of(accountIds)
        .map(PersonalDataCipher::new)
        .flatMap(
            cipher ->
                Panache.withTransaction(
                    () ->
                        Multi.createFrom()
                            .iterable(accountEvents)
                            .onItem()
                            .transformToUniAndConcatenate(
                                projected ->
                                    applyInTransaction(
                                        (AccountEvent) projected.event(), projected, cipher))
                            .onItem()
                            .ignoreAsUni()));
  }

  @Override
  public Uni<Long> appliedSequence(String accountId) {
    return Panache.withSession(
        () ->
            AccountView.<AccountView>findById(accountId)
                .flatMap(
                    view ->
                        view != null
                            ? Uni.createFrom().item(view.version)
                            : AccountViewTombstone.<AccountViewTombstone>findById(accountId)
                                .map(tombstone -> tombstone == null ? -1L : tombstone.version)));
  }

  private Uni<Void> applyInTransaction(
      AccountEvent event, ProjectedEvent projected, PersonalDataCipher cipher) {
    if (event instanceof AccountRegistered registered) {
      return register(registered, projected, cipher);
    }
    if (event instanceof AccountErased) {
      return erase(projected);
    }
    return AccountView.<AccountView>findById(event.accountId())
        .invoke(
            view -> {
              if (view != null) {
                AccountViewFold.changed(view, event, projected, cipher::openOrRedacted);
              }
            })
        .replaceWithVoid();
  }

  private Uni<Void> register(
      AccountRegistered event, ProjectedEvent projected, PersonalDataCipher cipher) {
    // One reactive session runs one operation at a time: look for the row, then the tombstone.
    return AccountView.<AccountView>findById(event.accountId())
        .flatMap(
            view ->
                view != null
                    ? Uni.createFrom().item(true)
                    : AccountViewTombstone.findById(event.accountId()).map(t -> t != null))
        .flatMap(
            known -> {
              if (known) {
                return Uni.createFrom().voidItem();
              }
              AccountView view =
                  AccountViewFold.registered(event, projected, cipher::openOrRedacted);
              return view.persist().replaceWithVoid();
            });
  }

  private Uni<Void> erase(ProjectedEvent projected) {
    String id = projected.aggregateId();
    return AccountViewTombstone.<AccountViewTombstone>findById(id)
        .flatMap(
            tombstone -> {
              if (tombstone != null) {
                return Uni.createFrom().voidItem();
              }
              AccountViewTombstone erased = new AccountViewTombstone();
              erased.id = id;
              erased.version = projected.sequence();
              return AccountView.deleteById(id)
                  .flatMap(deleted -> erased.persist())
                  .replaceWithVoid();
            });
  }
}
