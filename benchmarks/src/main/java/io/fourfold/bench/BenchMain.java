package io.fourfold.bench;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * Entry point: reads the flags, creates the benchmark database when missing (the event store
 * creates its tables as Quarkus starts, so the database must exist first), points both pools at it
 * and starts the application, which runs the scenarios and exits.
 */
@QuarkusMain
public final class BenchMain {

  static final Options OPTIONS = new Options();
  static String[] arguments = new String[0];

  private BenchMain() {}

  public static void main(String... args) throws Exception {
    CommandLine command = new CommandLine(OPTIONS);
    try {
      command.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      System.err.println(e.getMessage());
      command.usage(System.err);
      System.exit(2);
    }
    if (command.isUsageHelpRequested()) {
      command.usage(System.out);
      return;
    }
    arguments = args.clone();
    BenchDatabase.createIfMissing(OPTIONS.jdbcUrl, OPTIONS.dbUser, OPTIONS.dbPassword);
    for (String pool : new String[] {"eventstore", "axondefault"}) {
      System.setProperty("quarkus.datasource." + pool + ".jdbc.url", OPTIONS.jdbcUrl);
      System.setProperty("quarkus.datasource." + pool + ".username", OPTIONS.dbUser);
      System.setProperty("quarkus.datasource." + pool + ".password", OPTIONS.dbPassword);
    }
    System.setProperty(
        "fourfold.event-store.group-commit.partitions",
        String.valueOf(OPTIONS.groupCommitPartitions));
    System.setProperty(
        "fourfold.event-store.group-commit.max-batch", String.valueOf(OPTIONS.groupCommitMax));
    Quarkus.run(BenchApp.class, args);
  }
}
