package io.fourfold.bench;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * a. append: N events with C concurrent writers through {@code EventStore.publish}, outside any
 * unit of work (so each publish call is one transaction of the storage engine). Each writer writes
 * its own aggregates, 100 events each, like a stream of new aggregates.
 */
final class AppendScenario {

  private static final int EVENTS_PER_AGGREGATE = 100;

  /** What one run measured. */
  record Result(String configuration, int perPublish, long events, double seconds, long stored) {
    double rate() {
      return events / seconds;
    }
  }

  private final Options options;
  private final DataSource plainPool;

  AppendScenario(Options options, DataSource plainPool) {
    this.options = options;
    this.plainPool = plainPool;
  }

  Result run(String configuration, EventStore store, int perPublish) throws Exception {
    BenchDatabase.truncate(plainPool);
    int warmup = (int) (options.events * options.warmup);
    if (warmup > 0) {
      append(store, warmup, perPublish, "w");
      BenchDatabase.truncate(plainPool);
    }
    double seconds = append(store, options.events, perPublish, "m");
    long stored = BenchDatabase.count(plainPool, "domainevententry");
    return new Result(configuration, perPublish, options.events, seconds, stored);
  }

  private double append(EventStore store, int events, int perPublish, String phase)
      throws Exception {
    String run = phase + Long.toString(System.nanoTime(), 36);
    return Parallel.run(
        options.writers,
        "append",
        writer -> {
          int mine = Parallel.share(events, options.writers, writer);
          List<EventMessage<?>> batch = new ArrayList<>(perPublish);
          for (int i = 0; i < mine; i++) {
            String aggregate = run + "-" + writer + "-" + (i / EVENTS_PER_AGGREGATE);
            batch.add(BenchEvents.event(aggregate, i % EVENTS_PER_AGGREGATE));
            if (batch.size() == perPublish || i == mine - 1) {
              store.publish(batch);
              batch = new ArrayList<>(perPublish);
            }
          }
        });
  }
}
