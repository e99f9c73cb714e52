package io.fourfold.account.query;

import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import io.fourfold.eventing.projection.generation.AxonReplayBenchmark;
import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.account.AccountEmailChanged;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountPasswordChanged;
import io.fourfold.schema.account.AccountProfileChanged;
import io.fourfold.schema.account.AccountReactivated;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountRole;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.codec.EventCodec;
import io.fourfold.schema.codec.RegisteredEventType;
import io.fourfold.schema.personal.InMemoryDataKeys;
import io.fourfold.schema.personal.PersonalDataCipher;
import io.quarkus.agroal.DataSource;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * The replay benchmark's endpoints (benchmarks/replay.sh), answering 404 unless {@code
 * fourfold.rebuild.benchmark.enabled} (never on a real deployment): a generator of realistic
 * account events written straight into an empty event store. Axon's own replay, for comparison with
 * {@code replay-cli rebuild}, is eventing's ({@code AxonReplayBenchmarkResource}).
 */
@Path("/internal/benchmarks")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildBenchmarkResource {

  private static final int COPY_ROWS = 20_000;
  private static final HexFormat HEX = HexFormat.of();

  private final AxonReplayBenchmark axon;
  private final AgroalDataSource eventStore;
  private final EventCodec codec = EventCodec.standard();

  public RebuildBenchmarkResource(
      AxonReplayBenchmark axon, @DataSource("eventstore") AgroalDataSource eventStore) {
    this.axon = axon;
    this.eventStore = eventStore;
  }

  /** What the generator wrote. */
  public record Generated(long events, int accounts, int erased, double seconds) {}

  /**
   * Appends {@code events} account events to the event store, as the command side would have
   * written them: a fifth are registrations, the rest profile, email and password changes,
   * suspensions and reactivations of random earlier accounts, interleaved; 1% of accounts are
   * erased (their data key destroyed). Personal data is sealed with a key per account.
   */
  @POST
  @Path("/account-events")
  public Generated generate(
      @QueryParam("events") @DefaultValue("1000000") long events,
      @QueryParam("seed") @DefaultValue("42") long seed)
      throws SQLException, IOException {
    requireEnabled();
    long started = System.nanoTime();
    InMemoryDataKeys keys = new InMemoryDataKeys();
    PersonalDataCipher cipher = new PersonalDataCipher(keys);
    SplittableRandom random = new SplittableRandom(seed);
    List<String> accounts = new ArrayList<>();
    List<Long> sequences = new ArrayList<>();
    List<Boolean> suspended = new ArrayList<>();
    List<Boolean> erased = new ArrayList<>();
    int erasures = 0;
    Instant clock = Instant.parse("2026-01-01T00:00:00Z");
    try (Connection connection = eventStore.getConnection()) {
      long index = next(connection);
      StringBuilder rows = new StringBuilder();
      int buffered = 0;
      for (long n = 0; n < events; n++) {
        clock = clock.plusMillis(1 + random.nextInt(20));
        boolean register = accounts.size() < 10 || random.nextInt(5) == 0;
        int account;
        DomainEvent event;
        if (register) {
          String id = UUID.randomUUID().toString();
          accounts.add(id);
          sequences.add(-1L);
          suspended.add(false);
          erased.add(false);
          account = accounts.size() - 1;
          event =
              new AccountRegistered(
                  id,
                  cipher.seal(id, "user" + account + "@example.com"),
                  cipher.seal(id, "User " + account),
                  cipher.seal(id, "$argon2id$v=19$m=19456,t=2,p=1$" + HEX.formatHex(bytes(random))),
                  account % 1000 == 0 ? AccountRole.ADMIN : AccountRole.USER,
                  clock);
        } else {
          account = random.nextInt(accounts.size());
          if (erased.get(account)) {
            n--;
            continue;
          }
          String id = accounts.get(account);
          int kind = random.nextInt(100);
          if (kind < 1) {
            event = new AccountErased(id, clock);
            erased.set(account, true);
            keys.destroy(id);
            erasures++;
          } else if (kind < 45) {
            event = new AccountProfileChanged(id, cipher.seal(id, "User " + n), clock);
          } else if (kind < 70) {
            event = new AccountEmailChanged(id, cipher.seal(id, "u" + n + "@example.com"), clock);
          } else if (kind < 85) {
            event =
                new AccountPasswordChanged(
                    id, cipher.seal(id, "$argon2id$" + HEX.formatHex(bytes(random))), clock);
          } else if (!suspended.get(account)) {
            event = new AccountSuspended(id, "benchmark", clock);
            suspended.set(account, true);
          } else {
            event = new AccountReactivated(id, "benchmark", clock);
            suspended.set(account, false);
          }
        }
        long sequence = sequences.get(account) + 1;
        sequences.set(account, sequence);
        row(rows, index++, accounts.get(account), sequence, event, clock);
        if (++buffered == COPY_ROWS) {
          copyEvents(connection, rows);
          rows.setLength(0);
          buffered = 0;
        }
      }
      copyEvents(connection, rows);
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "SELECT setval('domainevententry_globalindex_seq', (SELECT max(globalindex)"
                + " FROM domainevententry))");
      }
      copyKeys(connection, accounts, keys);
    }
    return new Generated(events, accounts.size(), erasures, (System.nanoTime() - started) / 1e9);
  }

  private void requireEnabled() {
    if (!axon.enabled()) {
      throw new ProblemException(
          Problem.ofStatus(404, "Not Found", "the replay benchmark is not enabled here"));
    }
  }

  private void row(
      StringBuilder rows,
      long index,
      String accountId,
      long sequence,
      DomainEvent event,
      Instant at) {
    RegisteredEventType type = codec.types().byClass(event.getClass());
    rows.append(index)
        .append('\t')
        .append(accountId)
        .append('\t')
        .append(sequence)
        .append("\tAccount\t")
        .append(UUID.randomUUID())
        .append("\t\\\\x")
        .append(HEX.formatHex("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .append("\t\\\\x")
        .append(HEX.formatHex(codec.encode(event)))
        .append('\t')
        .append(type.revision())
        .append('\t')
        .append(type.name())
        .append('\t')
        .append(at)
        .append('\n');
  }

  private static void copyEvents(Connection connection, StringBuilder rows)
      throws SQLException, IOException {
    if (rows.isEmpty()) {
      return;
    }
    connection
        .unwrap(PGConnection.class)
        .getCopyAPI()
        .copyIn(
            "COPY domainevententry (globalindex, aggregateidentifier, sequencenumber, type,"
                + " eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)"
                + " FROM STDIN",
            new StringReader(rows.toString()));
  }

  private static void copyKeys(Connection connection, List<String> accounts, InMemoryDataKeys keys)
      throws SQLException, IOException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS personal_data_key ("
              + " account_id VARCHAR(255) PRIMARY KEY,"
              + " key_material BYTEA,"
              + " created_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
              + " destroyed_at TIMESTAMPTZ)");
    }
    StringBuilder rows = new StringBuilder();
    for (String id : accounts) {
      rows.append(id).append('\t');
      keys.find(id)
          .ifPresentOrElse(
              key -> rows.append("\\\\x").append(HEX.formatHex(key.getEncoded())),
              () -> rows.append("\\N"));
      rows.append('\n');
    }
    connection
        .unwrap(PGConnection.class)
        .getCopyAPI()
        .copyIn(
            "COPY personal_data_key (account_id, key_material) FROM STDIN",
            new StringReader(rows.toString()));
  }

  private static long next(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        var rs =
            statement.executeQuery(
                "SELECT coalesce(max(globalindex), 0) + 1 FROM domainevententry")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static byte[] bytes(SplittableRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return bytes;
  }
}
