package io.fourfold.billing.invoice.application;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A lock per invoice held until the caller's transaction ends (a PostgreSQL transaction-level
 * advisory lock in the event store). The aggregate's own lock ends when its unit of work does,
 * before the transaction commits; this one makes the next command on the invoice, in this instance
 * or another, wait until the previous one's events are committed and visible.
 */
@ApplicationScoped
public class InvoiceLocks {

  private final AgroalDataSource dataSource;

  public InvoiceLocks(@DataSource("eventstore") AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Waits for, then holds, the invoice's lock until the current transaction ends. */
  public void lock(String invoiceId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      lock.setLong(1, key(invoiceId));
      lock.execute();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot lock invoice " + invoiceId, e);
    }
  }

  private static long key(String invoiceId) {
    UUID hash =
        UUID.nameUUIDFromBytes(("invoice-lock:" + invoiceId).getBytes(StandardCharsets.UTF_8));
    return hash.getMostSignificantBits();
  }
}
