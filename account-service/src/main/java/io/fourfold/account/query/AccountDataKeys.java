package io.fourfold.account.query;

import io.fourfold.schema.personal.DataKeys;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads an account's data key without blocking, for the projection that decrypts events on the
 * event loop. Read only: keys are created and destroyed by the command side.
 */
@ApplicationScoped
public class AccountDataKeys {

  private final Pool eventStore;

  public AccountDataKeys(@ReactiveDataSource("eventstore") Pool eventStore) {
    this.eventStore = eventStore;
  }

  /** The account's key, as a read-only key set for the cipher; empty once the account is erased. */
  public Uni<DataKeys> of(String accountId) {
    return eventStore
        .preparedQuery("SELECT key_material FROM personal_data_key WHERE account_id = $1")
        .execute(Tuple.of(accountId))
        .map(
            rows -> {
              Optional<SecretKey> key =
                  rows.iterator().hasNext() ? material(rows.iterator().next()) : Optional.empty();
              return new ReadOnlyKey(accountId, key);
            });
  }

  private static Optional<SecretKey> material(Row row) {
    io.vertx.mutiny.core.buffer.Buffer bytes = row.getBuffer("key_material");
    return bytes == null
        ? Optional.empty()
        : Optional.of(new SecretKeySpec(bytes.getBytes(), "AES"));
  }

  /** One account's key, already read. */
  private record ReadOnlyKey(String accountId, Optional<SecretKey> key) implements DataKeys {
    @Override
    public Optional<SecretKey> find(String id) {
      return id.equals(accountId) ? key : Optional.empty();
    }

    @Override
    public SecretKey findOrCreate(String id) {
      throw new UnsupportedOperationException("projections never create keys");
    }

    @Override
    public void destroy(String id) {
      throw new UnsupportedOperationException("projections never destroy keys");
    }
  }
}
