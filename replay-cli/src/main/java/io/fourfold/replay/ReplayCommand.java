package io.fourfold.replay;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code replay-cli} entry point: rebuild, inspect and prune projections. */
@TopCommand
@Command(
    name = "replay-cli",
    mixinStandardHelpOptions = true,
    version = "Fourfold replay-cli 0.1.0",
    description = "Rebuild, inspect and prune Fourfold projections from the event store.",
    subcommands = {
      ListCommand.class,
      RebuildCommand.class,
      StatusCommand.class,
      RollbackCommand.class,
      PruneCommand.class,
      EventStoreHeadCommand.class
    })
public class ReplayCommand {}
