package io.fourfold.bench;

import io.fourfold.schema.account.ChangeProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * b. commands on existing aggregates: A aggregates preloaded with E events each, then M {@code
 * ChangeProfile} commands from C client threads, each waiting for its answer before sending the
 * next (closed loop), to a random aggregate. A share of M runs first, untimed, as JIT warm-up; for
 * Fourfold it also fills the aggregate cache and takes the snapshots, which is the steady state of
 * a running service.
 */
final class CommandScenario {

  /** How a configuration handles one command, synchronously. */
  interface Sender {
    Object send(ChangeProfile command) throws Exception;
  }

  /** What one run measured. */
  record Result(
      String configuration,
      int clients,
      int commands,
      double seconds,
      Histogram latency,
      long eventsStored,
      long eventsExpected,
      long snapshots,
      String note) {
    double rate() {
      return commands / seconds;
    }
  }

  private final Options options;
  private final DataSource plainPool;

  CommandScenario(Options options, DataSource plainPool) {
    this.options = options;
    this.plainPool = plainPool;
  }

  /** Empties the store and writes the aggregates' histories through the configuration's store. */
  List<String> preload(EventStore store) throws Exception {
    BenchDatabase.truncate(plainPool);
    String run = "c" + Long.toString(System.nanoTime(), 36);
    List<String> ids = new ArrayList<>();
    for (int a = 0; a < options.aggregates; a++) {
      ids.add(run + "-" + a);
    }
    Parallel.run(
        options.writers,
        "preload",
        writer -> {
          for (int a = writer; a < ids.size(); a += options.writers) {
            store.publish(BenchEvents.history(ids.get(a), options.eventsPerAggregate));
          }
        });
    return ids;
  }

  Result run(String configuration, int clients, List<String> ids, Sender sender, String note)
      throws Exception {
    int warmup = (int) (options.commands * options.warmup);
    drive(ids, sender, clients, warmup, null);
    Histogram latency = Table.histogram();
    double seconds = drive(ids, sender, clients, options.commands, latency);
    long expected = (long) ids.size() * options.eventsPerAggregate + warmup + options.commands;
    return new Result(
        configuration,
        clients,
        options.commands,
        seconds,
        latency,
        BenchDatabase.count(plainPool, "domainevententry"),
        expected,
        BenchDatabase.count(plainPool, "snapshotevententry"),
        note);
  }

  private double drive(
      List<String> ids, Sender sender, int clients, int commands, Histogram latency)
      throws Exception {
    if (commands == 0) {
      return 0;
    }
    return Parallel.run(
        clients,
        "client",
        client -> {
          int mine = Parallel.share(commands, clients, client);
          ThreadLocalRandom random = ThreadLocalRandom.current();
          for (int i = 0; i < mine; i++) {
            ChangeProfile command = BenchEvents.changeProfile(ids.get(random.nextInt(ids.size())));
            long start = System.nanoTime();
            sender.send(command);
            if (latency != null) {
              latency.recordValue(System.nanoTime() - start);
            }
          }
        });
  }
}
