package io.fourfold.bench;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The harness's flags; every one has a default, so a bare run does the whole benchmark. */
@Command(
    name = "fourfold-bench",
    mixinStandardHelpOptions = true,
    description =
        "Fourfold benchmark: event appends, commands on existing aggregates and command-to-visible"
            + " latency, Axon's default configuration side by side with Fourfold's.")
final class Options {

  @Option(
      names = "--scenarios",
      split = ",",
      description = "Which scenarios to run, in order (default: ${DEFAULT-VALUE}).")
  List<String> scenarios = List.of("append", "commands", "latency");

  @Option(
      names = "--jdbc-url",
      description = "The benchmark's own database; created if missing (default: ${DEFAULT-VALUE}).")
  String jdbcUrl = "jdbc:postgresql://127.0.0.1:15432/bench_eventstore";

  @Option(names = "--db-user", description = "Default: ${DEFAULT-VALUE}.")
  String dbUser = "fourfold";

  @Option(names = "--db-password", description = "Default: ${DEFAULT-VALUE}.")
  String dbPassword = "fourfold";

  // --- a. append
  @Option(
      names = "--events",
      description = "append: events to append (N, default ${DEFAULT-VALUE}).")
  int events = 100_000;

  @Option(
      names = "--writers",
      description = "append: concurrent writers (C, default ${DEFAULT-VALUE}).")
  int writers = 4;

  @Option(
      names = "--append-batch",
      description =
          "append: events per publish call in the extra 'group commit' row (default ${DEFAULT-VALUE}).")
  int appendBatch = 50;

  // --- b. commands
  @Option(
      names = "--aggregates",
      description = "commands: aggregates (A, default ${DEFAULT-VALUE}).")
  int aggregates = 100;

  @Option(
      names = "--events-per-aggregate",
      description = "commands: events preloaded per aggregate (E, default ${DEFAULT-VALUE}).")
  int eventsPerAggregate = 100;

  @Option(
      names = "--commands",
      description = "commands: commands to send (M, default ${DEFAULT-VALUE}).")
  int commands = 20_000;

  @Option(
      names = "--clients",
      split = ",",
      description =
          "commands: client threads, each waiting for its answer (C); a list runs the scenario once"
              + " per value (default ${DEFAULT-VALUE}: the issue's 4, and 32 as a service with many"
              + " requests in flight).")
  List<Integer> clients = List.of(4, 32);

  @Option(
      names = "--group-commit-partitions",
      description =
          "commands: GroupCommit partitions, each a worker committing one batch at a time"
              + " (default ${DEFAULT-VALUE}, as the services).")
  int groupCommitPartitions = 4;

  @Option(
      names = "--group-commit-max",
      description =
          "commands: most commands per group-commit transaction (default ${DEFAULT-VALUE}).")
  int groupCommitMax = 64;

  @Option(
      names = "--warmup",
      description =
          "Share of each measured run first run untimed, as JIT warm-up (default ${DEFAULT-VALUE}).")
  double warmup = 0.1;

  // --- c. latency
  @Option(
      names = "--service-url",
      description = "latency: account-service (default ${DEFAULT-VALUE}).")
  String serviceUrl = "http://127.0.0.1:8081";

  @Option(
      names = "--accounts",
      description = "latency: accounts to register (K, default ${DEFAULT-VALUE}).")
  int accounts = 100;

  @Option(
      names = "--rate",
      description = "latency: PATCH requests per second (R, default ${DEFAULT-VALUE}).")
  int rate = 1_000;

  @Option(
      names = "--duration",
      description = "latency: seconds at that rate (default ${DEFAULT-VALUE}).")
  int durationSeconds = 20;

  @Option(
      names = "--kafka",
      description =
          "latency: Kafka for the plain round trip; empty skips it (default ${DEFAULT-VALUE}).")
  String kafka = "127.0.0.1:19092";
}
