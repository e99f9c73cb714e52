package io.fourfold.replay;

import io.agroal.api.AgroalDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the head of the event store: how many events there are and the highest global index. */
@Command(
    name = "head",
    description = "Show the event store's head position (the highest global index).")
public class EventStoreHeadCommand implements Callable<Integer> {

  private final AgroalDataSource eventStore;

  @Spec CommandSpec spec;

  public EventStoreHeadCommand(AgroalDataSource eventStore) {
    this.eventStore = eventStore;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Connection connection = eventStore.getConnection();
        Statement statement = connection.createStatement()) {
      if (!hasEventTable(connection)) {
        out.println("head: 0 (the event store holds no events yet)");
        return 0;
      }
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT coalesce(max(globalindex), 0), count(*) FROM domainevententry")) {
        rs.next();
        out.printf("head: %d (%d events)%n", rs.getLong(1), rs.getLong(2));
      }
      return 0;
    } catch (SQLException e) {
      spec.commandLine().getErr().println("Cannot read the event store: " + e.getMessage());
      return 2;
    }
  }

  private static boolean hasEventTable(Connection connection) throws SQLException {
    try (ResultSet tables =
        connection.getMetaData().getTables(null, null, "domainevententry", null)) {
      return tables.next();
    }
  }
}
