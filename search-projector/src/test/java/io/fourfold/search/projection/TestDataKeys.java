package io.fourfold.search.projection;

import io.fourfold.schema.personal.DataKeys;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Accounts' keys in the test event store's {@code personal_data_key} table, written as
 * account-service does (same table, same tombstone on destroy), so the projector reads real keys.
 */
public final class TestDataKeys implements DataKeys {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Pool eventStore;
  private final SecureRandom random = new SecureRandom();

  public TestDataKeys(Pool eventStore) {
    this.eventStore = eventStore;
    // The table account-service creates; the test database may not have seen it yet.
    run(
        "CREATE TABLE IF NOT EXISTS personal_data_key ("
            + " account_id VARCHAR(255) PRIMARY KEY,"
            + " key_material BYTEA,"
            + " created_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
            + " destroyed_at TIMESTAMPTZ)",
        Tuple.tuple());
  }

  @Override
  public Optional<SecretKey> find(String accountId) {
    RowSet<Row> rows =
        run(
            "SELECT key_material FROM personal_data_key WHERE account_id = $1",
            Tuple.of(accountId));
    if (!rows.iterator().hasNext()) {
      return Optional.empty();
    }
    Buffer material = rows.iterator().next().getBuffer(0);
    return material == null
        ? Optional.empty()
        : Optional.of(new SecretKeySpec(material.getBytes(), "AES"));
  }

  @Override
  public SecretKey findOrCreate(String accountId) {
    byte[] material = new byte[32];
    random.nextBytes(material);
    run(
        "INSERT INTO personal_data_key (account_id, key_material) VALUES ($1, $2)"
            + " ON CONFLICT (account_id) DO NOTHING",
        Tuple.of(accountId, io.vertx.core.buffer.Buffer.buffer(material)));
    return find(accountId).orElseThrow(() -> new IllegalStateException("destroyed: " + accountId));
  }

  @Override
  public void destroy(String accountId) {
    run(
        "INSERT INTO personal_data_key (account_id, key_material, destroyed_at)"
            + " VALUES ($1, NULL, now()) ON CONFLICT (account_id)"
            + " DO UPDATE SET key_material = NULL, destroyed_at = now()",
        Tuple.of(accountId));
  }

  private RowSet<Row> run(String sql, Tuple arguments) {
    return eventStore.preparedQuery(sql).execute(arguments).await().atMost(WAIT);
  }
}
