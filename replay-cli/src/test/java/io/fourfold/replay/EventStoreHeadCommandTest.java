package io.fourfold.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** {@code replay-cli head} reads the head of the real event store. */
@QuarkusMainTest
class EventStoreHeadCommandTest {

  @Test
  @Launch("head")
  void printsTheHeadPositionOfTheEventStore(LaunchResult result) {
    assertThat(result.exitCode()).isZero();
    assertThat(result.getOutput()).containsPattern("head: \\d+");
  }
}
