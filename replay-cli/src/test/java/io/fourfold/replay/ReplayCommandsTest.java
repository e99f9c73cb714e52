package io.fourfold.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/**
 * The commands' answers when no service owns the projection: the CLI is pointed at an address
 * nobody listens on, on its command line so no environment (a running stack's
 * FOURFOLD_OPERATIONS_PEERS) can point it elsewhere; rebuilds themselves are tested in the services
 * that run them.
 */
@QuarkusMainTest
class ReplayCommandsTest {

  private static final String NOBODY = "http://127.0.0.1:1";

  @Test
  @Launch(value = "rebuild", exitCode = 2)
  void rebuildNeedsAProjectionOrAll(LaunchResult result) {
    assertThat(result.getErrorOutput()).contains("PROJECTION").contains("--all");
  }

  @Test
  @Launch(
      value = {"rebuild", "no-such-projection", "--services", NOBODY},
      exitCode = 2)
  void anUnknownProjectionIsNamedAndNothingRuns(LaunchResult result) {
    assertThat(result.getErrorOutput())
        .contains("no service owns no-such-projection")
        .contains("no generations from http://127.0.0.1:1");
  }

  @Test
  @Launch(
      value = {"rebuild", "--all", "--aggregate", "x"},
      exitCode = 2)
  void aggregateDoesNotGoWithAll(LaunchResult result) {
    assertThat(result.getErrorOutput()).isNotBlank();
  }

  @Test
  @Launch({"list", "--services", NOBODY})
  void listPrintsItsHeaderEvenWhenNoServiceAnswers(LaunchResult result) {
    assertThat(result.getOutput()).contains("PROJECTION").contains("GENERATIONS");
  }
}
