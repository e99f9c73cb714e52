package io.fourfold.eventing.idempotency;

import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.Digests;
import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import io.fourfold.eventing.store.SchemaCreation;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for POSTs that create or charge: the first request with a key runs and
 * its answer is stored in the same transaction as its events; a repeat with the same body gets that
 * answer again, a repeat with another body a 422. A concurrent repeat waits on the key's row until
 * the first commits, so duplicates produce exactly one effect.
 */
@ApplicationScoped
@IfBuildProperty(name = "fourfold.event-store.enabled", stringValue = "true")
public class IdempotencyKeys {

  /** The request header. */
  public static final String HEADER = "Idempotency-Key";

  private static final Pattern SANE_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private final AgroalDataSource dataSource;

  public IdempotencyKeys(@DataSource("eventstore") AgroalDataSource dataSource) {
    this.dataSource = dataSource;
    createTable();
  }

  /**
   * Runs {@code operation} once per key: in one transaction, claims the key, runs it and stores its
   * answer; or answers what the first request with this key answered.
   *
   * @param scope what the key is unique within, e.g. {@code POST /api/v1/accounts}
   * @param key the client's key, or null to run without idempotency
   * @param request the request body, whose hash tells a repeat from a different request
   */
  @Transactional
  public StoredAnswer once(
      String scope, String key, byte[] request, Supplier<StoredAnswer> operation) {
    if (key == null) {
      return operation.get();
    }
    if (!SANE_KEY.matcher(key).matches()) {
      throw new ProblemException(
          Problem.of(
              "invalid-header",
              400,
              "Invalid header",
              HEADER + " must be 1 to 255 visible ASCII characters"));
    }
    byte[] fingerprint = Digests.sha256(request);
    if (claim(scope, key, fingerprint)) {
      StoredAnswer answer = operation.get();
      store(scope, key, answer);
      return answer;
    }
    Stored first = read(scope, key).orElseThrow();
    if (!Arrays.equals(first.fingerprint(), fingerprint)) {
      throw new ProblemException(
          Problem.of(
              "idempotency-key-reused",
              422,
              "Idempotency key reused",
              "This " + HEADER + " was used with a different request."));
    }
    return first.answer();
  }

  private record Stored(byte[] fingerprint, StoredAnswer answer) {}

  /** True when this request is the first with the key (waits while another holds it). */
  private boolean claim(String scope, String key, byte[] fingerprint) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO idempotency_key (scope, key, fingerprint) VALUES (?, ?, ?)"
                    + " ON CONFLICT (scope, key) DO NOTHING")) {
      insert.setString(1, scope);
      insert.setString(2, key);
      insert.setBytes(3, fingerprint);
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot claim an idempotency key", e);
    }
  }

  private void store(String scope, String key, StoredAnswer answer) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE idempotency_key SET status = ?, location = ?, consistency_token = ?,"
                    + " body = ? WHERE scope = ? AND key = ?")) {
      update.setInt(1, answer.status());
      update.setString(2, answer.location());
      update.setString(3, answer.consistencyToken());
      update.setBytes(4, answer.body().getBytes(StandardCharsets.UTF_8));
      update.setString(5, scope);
      update.setString(6, key);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot store the answer of an idempotent request", e);
    }
  }

  private Optional<Stored> read(String scope, String key) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT fingerprint, status, location, consistency_token, body"
                    + " FROM idempotency_key WHERE scope = ? AND key = ?")) {
      select.setString(1, scope);
      select.setString(2, key);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Stored(
                rs.getBytes(1),
                new StoredAnswer(
                    rs.getInt(2),
                    rs.getString(3),
                    rs.getString(4),
                    new String(rs.getBytes(5), StandardCharsets.UTF_8))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read an idempotency key", e);
    }
  }

  private void createTable() {
    SchemaCreation.inTurn(
        dataSource,
        "the idempotency_key table",
        () -> {
          try (Connection connection = dataSource.getConnection();
              Statement statement = connection.createStatement()) {
            statement.execute(
                "CREATE TABLE IF NOT EXISTS idempotency_key ("
                    + " scope VARCHAR(200) NOT NULL,"
                    + " key VARCHAR(255) NOT NULL,"
                    + " fingerprint BYTEA NOT NULL,"
                    + " status INTEGER,"
                    + " location VARCHAR(500),"
                    + " consistency_token VARCHAR(500),"
                    + " body BYTEA,"
                    + " created_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (scope, key))");
          }
        });
  }
}
