package io.fourfold.eventing.store;

import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.projection.HeadPosition;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Reads the head of the event store directly, for services that own one; cached briefly because
 * every metrics scrape and operations request asks.
 */
@ApplicationScoped
@IfBuildProperty(name = "fourfold.event-store.enabled", stringValue = "true")
public class EventStoreHead implements HeadPosition {

  private static final Logger LOG = Logger.getLogger(EventStoreHead.class);
  private static final long CACHE_NANOS = 500_000_000L;

  private final AgroalDataSource dataSource;
  private volatile long cachedHead = -1;
  private volatile long readAt;

  public EventStoreHead(@DataSource("eventstore") AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public OptionalLong head() {
    long now = System.nanoTime();
    if (cachedHead < 0 || now - readAt > CACHE_NANOS) {
      try {
        cachedHead = readHead();
        readAt = now;
      } catch (SQLException e) {
        LOG.debugf("Cannot read the event store head: %s", e.getMessage());
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(cachedHead);
  }

  private long readHead() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT coalesce(max(globalindex), 0) FROM domainevententry")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
