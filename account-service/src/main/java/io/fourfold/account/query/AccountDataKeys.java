package io.fourfold.account.query;

import io.fourfold.eventing.privacy.StoredDataKeys;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * The event store's data keys, read without blocking for the account read model (see {@link
 * StoredDataKeys}).
 */
@Singleton
public class AccountDataKeys extends StoredDataKeys {

  public AccountDataKeys(@ReactiveDataSource("eventstore") Pool eventStore) {
    super(eventStore);
  }
}
