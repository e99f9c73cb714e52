package io.fourfold.eventing.privacy;

import io.fourfold.schema.personal.DataKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads accounts' personal-data keys from the event store database without blocking, for a
 * projection that decrypts events on the event loop. Read only: keys are created and destroyed by
 * account-service ({@link JdbcDataKeys}); a destroyed key (an erased account) reads as no key.
 *
 * <p>A service makes it a bean with its own reactive pool of the event store database (the
 * qualifier belongs to the reactive datasource extension, which eventing does not carry).
 */
public abstract class StoredDataKeys {

  private final Pool eventStore;

  protected StoredDataKeys(Pool eventStore) {
    this.eventStore = eventStore;
  }

  /**
   * The keys of the accounts (a projection batch) in one query, as a read-only key set for the
   * cipher; an erased account has none.
   */
  public Uni<DataKeys> of(Collection<String> accountIds) {
    if (accountIds.isEmpty()) {
      return Uni.createFrom().item(DataKeys.readOnly(Map.of()));
    }
    return eventStore
        .preparedQuery(
            "SELECT account_id, key_material FROM personal_data_key WHERE account_id = ANY($1)")
        .execute(Tuple.of(accountIds.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, SecretKey> keys = new HashMap<>();
              for (Row row : rows) {
                material(row).ifPresent(key -> keys.put(row.getString("account_id"), key));
              }
              return DataKeys.readOnly(Map.copyOf(keys));
            });
  }

  private static Optional<SecretKey> material(Row row) {
    io.vertx.mutiny.core.buffer.Buffer bytes = row.getBuffer("key_material");
    return bytes == null
        ? Optional.empty()
        : Optional.of(new SecretKeySpec(bytes.getBytes(), "AES"));
  }
}
