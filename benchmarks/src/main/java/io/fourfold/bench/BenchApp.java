package io.fourfold.bench;

import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.store.AxonEventStore;
import io.fourfold.eventing.store.GroupCommit;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Runs the scenarios named by {@code --scenarios}, back to back, and prints their tables. */
public class BenchApp implements QuarkusApplication {

  private static final String AXON_DEFAULT = "Axon default";
  private static final String FOURFOLD = "Fourfold (AxonEventStore)";

  @Inject AxonEventStore fourfold;
  @Inject GroupCommit groupCommit;

  @Inject
  @DataSource("axondefault")
  AgroalDataSource plainPool;

  private final Options options = BenchMain.OPTIONS;

  @Override
  public int run(String... args) throws Exception {
    printMachine();
    try (AxonDefaultStore axonDefault = new AxonDefaultStore(plainPool)) {
      for (String scenario : options.scenarios) {
        switch (scenario) {
          case "append" -> append(axonDefault);
          case "commands" -> commands(axonDefault);
          case "latency" -> latency();
          default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
      }
    }
    return 0;
  }

  private void append(AxonDefaultStore axonDefault) throws Exception {
    section(
        "a. append: %,d events, %d writers, EventStore.publish outside a unit of work"
            .formatted(options.events, options.writers));
    AppendScenario scenario = new AppendScenario(options, plainPool);
    List<AppendScenario.Result> results = new ArrayList<>();
    for (int perPublish : new int[] {1, options.appendBatch}) {
      results.add(scenario.run(AXON_DEFAULT, axonDefault.events(), perPublish));
      results.add(scenario.run(FOURFOLD, fourfold.events(), perPublish));
    }
    Table table =
        new Table(
            "append",
            "configuration",
            "events/publish",
            "events",
            "seconds",
            "events/s",
            "Fourfold / Axon default",
            "rows stored");
    for (int i = 0; i < results.size(); i++) {
      AppendScenario.Result result = results.get(i);
      double baseline = results.get(i - i % 2).rate();
      table.row(
          result.configuration(),
          result.perPublish(),
          "%,d".formatted(result.events()),
          "%.1f".formatted(result.seconds()),
          Table.rate(result.rate()),
          i % 2 == 0 ? "1.00× (baseline)" : Table.ratio(result.rate(), baseline),
          "%,d".formatted(result.stored()));
    }
    table.print();
  }

  private void commands(AxonDefaultStore axonDefault) throws Exception {
    section(
        ("b. commands on existing aggregates: %d aggregates × %d events preloaded, %,d commands,"
                + " client threads %s (+%.0f%% untimed warm-up)")
            .formatted(
                options.aggregates,
                options.eventsPerAggregate,
                options.commands,
                options.clients,
                options.warmup * 100));
    CommandScenario scenario = new CommandScenario(options, plainPool);
    Table table =
        new Table(
            "commands",
            "configuration",
            "clients",
            "commands/s",
            "Fourfold / Axon default",
            "p50 ms",
            "p99 ms",
            "events stored / expected",
            "snapshots",
            "notes");
    for (int clients : options.clients) {
      List<CommandScenario.Result> results = new ArrayList<>();
      List<String> ids = scenario.preload(axonDefault.events());
      results.add(
          scenario.run(
              AXON_DEFAULT,
              clients,
              ids,
              command -> axonDefault.commands().sendAndWait(command),
              "no cache, no snapshots, autocommit"));

      ids = scenario.preload(fourfold.events());
      results.add(
          scenario.run(
              FOURFOLD,
              clients,
              ids,
              command -> fourfold.commands().sendAndWait(command),
              "cache + snapshots every %d, JTA, one transaction per command".formatted(50)));

      ids = scenario.preload(fourfold.events());
      GroupCommit.Totals before = groupCommit.totals();
      CommandScenario.Result grouped =
          scenario.run(
              FOURFOLD + " + group commit",
              clients,
              ids,
              command ->
                  groupCommit.run(
                      command.aggregateId(), () -> fourfold.commands().sendAndWait(command)),
              "");
      results.add(
          new CommandScenario.Result(
              grouped.configuration(),
              clients,
              grouped.commands(),
              grouped.seconds(),
              grouped.latency(),
              grouped.eventsStored(),
              grouped.eventsExpected(),
              grouped.snapshots(),
              "as above + GroupCommit (%d partitions), avg %.1f commands per transaction"
                  .formatted(
                      options.groupCommitPartitions,
                      groupCommit.totals().averageBatchSince(before))));
      double baseline = results.get(0).rate();
      for (CommandScenario.Result result : results) {
        table.row(
            result.configuration(),
            clients,
            Table.rate(result.rate()),
            result == results.get(0) ? "1.00× (baseline)" : Table.ratio(result.rate(), baseline),
            Table.ms(result.latency(), 50),
            Table.ms(result.latency(), 99),
            "%,d / %,d".formatted(result.eventsStored(), result.eventsExpected()),
            result.snapshots(),
            result.note());
      }
    }
    table.print();
  }

  private void latency() throws Exception {
    section(
        "c. command-to-visible through account-service (%s): %d accounts, PATCH open-loop at %,d/s for %d s"
            .formatted(
                options.serviceUrl, options.accounts, options.rate, options.durationSeconds));
    LatencyScenario scenario = new LatencyScenario(options);
    long start = System.nanoTime();
    List<String> ids;
    try {
      ids = scenario.register();
    } catch (Exception e) {
      // The other scenarios' results stand; this one needs a working service.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.out.println("latency scenario skipped: cannot register accounts: " + cause);
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "registered %d accounts in %.1f s%n",
        ids.size(),
        (System.nanoTime() - start) / 1e9);
    LatencyScenario.Result result = scenario.run(ids);
    Table table =
        new Table(
            "command-to-visible (ms; offered %,d/s, achieved %,.0f/s, %,d requests, dispatcher max lag %.1f ms)"
                .formatted(
                    Math.round(result.offeredRate()),
                    result.achievedRate(),
                    result.offered(),
                    result.maxDispatchLagMicros() / 1000.0),
            "measure",
            "count",
            "p50",
            "p95",
            "p99",
            "max",
            "not fresh");
    table.row(
        "PATCH due → answered (service waits for the read model)",
        result.patch().getTotalCount(),
        Table.ms(result.patch(), 50),
        Table.ms(result.patch(), 95),
        Table.ms(result.patch(), 99),
        Table.ms(result.patch(), 100),
        result.patchStale());
    table.row(
        "PATCH answered → GET X-Consistent-With fresh",
        result.confirm().getTotalCount(),
        Table.ms(result.confirm(), 50),
        Table.ms(result.confirm(), 95),
        Table.ms(result.confirm(), 99),
        Table.ms(result.confirm(), 100),
        result.getStale());
    table.row(
        "PATCH due → visible to that GET",
        result.dueToVisible().getTotalCount(),
        Table.ms(result.dueToVisible(), 50),
        Table.ms(result.dueToVisible(), 95),
        Table.ms(result.dueToVisible(), 99),
        Table.ms(result.dueToVisible(), 100),
        "");
    if (!options.kafka.isBlank()) {
      KafkaRoundTrip.Result kafka =
          KafkaRoundTrip.run(options.kafka, options.rate, Math.min(options.durationSeconds, 10));
      table.row(
          "plain Kafka round trip (relay's producer settings), %,d sent".formatted(kafka.sent()),
          kafka.received(),
          Table.ms(kafka.latency(), 50),
          Table.ms(kafka.latency(), 95),
          Table.ms(kafka.latency(), 99),
          Table.ms(kafka.latency(), 100),
          "");
    }
    table.print();
    if (!result.errors().isEmpty()) {
      System.out.println("errors: " + result.errors());
    }
  }

  private void printMachine() throws Exception {
    Runtime runtime = Runtime.getRuntime();
    System.out.println("Fourfold benchmark");
    System.out.println(
        "date:     "
            + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    System.out.printf(
        "machine:  %d cores, %s %s, load average %.2f%n",
        runtime.availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(
        "jvm:      %s %s (%s), max heap %d MiB%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"),
        runtime.maxMemory() / (1024 * 1024));
    try (Connection connection = plainPool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT version(), current_setting('synchronous_commit'),"
                    + " current_setting('fsync'), current_database()")) {
      rs.next();
      System.out.printf(
          "database: %s; synchronous_commit=%s, fsync=%s; db %s%n",
          rs.getString(1).replaceAll(" on .*", ""),
          rs.getString(2),
          rs.getString(3),
          rs.getString(4));
    }
    ProcessHandle.Info info = ProcessHandle.current().info();
    System.out.println(
        "jvm args: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    System.out.println(
        "command:  "
            + info.command().orElse("java")
            + " … "
            + List.of(BenchMain.arguments).stream().collect(Collectors.joining(" ")));
  }

  private static void section(String title) {
    System.out.println();
    System.out.println("== " + title);
    System.out.flush();
  }
}
