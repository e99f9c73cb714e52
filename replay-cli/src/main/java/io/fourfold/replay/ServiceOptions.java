package io.fourfold.replay;

import java.util.List;
import picocli.CommandLine.Option;

/** Where the services are, when not the configured {@code fourfold.operations.peers}. */
public class ServiceOptions {

  @Option(
      names = "--services",
      split = ",",
      paramLabel = "URL",
      description =
          "The services that own projections (default: fourfold.operations.peers,"
              + " FOURFOLD_OPERATIONS_PEERS).")
  List<String> services;
}
