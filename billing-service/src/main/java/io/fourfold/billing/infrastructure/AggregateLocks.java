package io.fourfold.billing.infrastructure;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A lock per aggregate held until the caller's transaction ends (a PostgreSQL transaction-level
 * advisory lock in the event store). Axon's own aggregate lock ends with its unit of work, before
 * the transaction commits; this one makes the next command on the aggregate, in this instance or
 * another, wait until the previous one's events are committed and visible, so commands on one
 * invoice or subscription are decided strictly one after another.
 */
@ApplicationScoped
public class AggregateLocks {

  private final AgroalDataSource dataSource;

  public AggregateLocks(@DataSource("eventstore") AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Waits for, then holds, the aggregate's lock until the current transaction ends. */
  public void lock(String aggregateId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      lock.setLong(1, key(aggregateId));
      lock.execute();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot lock aggregate " + aggregateId, e);
    }
  }

  private static long key(String aggregateId) {
    UUID hash =
        UUID.nameUUIDFromBytes(("aggregate-lock:" + aggregateId).getBytes(StandardCharsets.UTF_8));
    return hash.getMostSignificantBits();
  }
}
