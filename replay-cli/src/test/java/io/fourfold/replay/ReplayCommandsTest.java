package io.fourfold.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/**
 * The commands' answers when no service owns the projection: the %test profile points the CLI at an
 * address nobody listens on (rebuilds themselves are tested in the services that run them).
 */
@QuarkusMainTest
class ReplayCommandsTest {

  @Test
  @Launch(value = "rebuild", exitCode = 2)
  void rebuildNeedsAProjectionOrAll(LaunchResult result) {
    assertThat(result.getErrorOutput()).contains("PROJECTION").contains("--all");
  }

  @Test
  @Launch(
      value = {"rebuild", "no-such-projection"},
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
  @Launch("list")
  void listPrintsItsHeaderEvenWhenNoServiceAnswers(LaunchResult result) {
    assertThat(result.getOutput()).contains("PROJECTION").contains("GENERATIONS");
  }
}
