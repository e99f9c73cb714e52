package io.fourfold.session.flag;

import static org.assertj.core.api.Assertions.assertThat;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.flag.FeatureFlagChanged;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The flag projection under at-least-once delivery, on the real Redis. */
@QuarkusTest
class FlagProjectorTest {

  private static final Instant AT = Instant.parse("2026-11-29T01:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Inject FlagProjector projector;
  @Inject Flags flags;

  @Test
  void olderAndRepeatedEventsChangeNothing() {
    String key = "proj-" + UUID.randomUUID().toString().substring(0, 8);
    String ada = UUID.randomUUID().toString();
    ProjectedEvent on = event(key, 0, true);
    ProjectedEvent off = event(key, 1, false);

    apply(on);
    apply(off);
    apply(on);
    apply(off);

    assertThat(flags.evaluateFor(ada).await().atMost(WAIT)).containsEntry(key, false);
    assertThat(projector.appliedSequence(key).await().atMost(WAIT)).isEqualTo(1);
  }

  @Test
  void aFlagNeverSeenHasNoAppliedSequence() {
    assertThat(projector.appliedSequence("never-" + UUID.randomUUID()).await().atMost(WAIT))
        .isEqualTo(-1);
  }

  private void apply(ProjectedEvent event) {
    projector.apply(event).await().atMost(WAIT);
  }

  private static ProjectedEvent event(String key, long sequence, boolean enabled) {
    return new ProjectedEvent(
        new FeatureFlagChanged(key, enabled, 100, List.of(), List.of(), AT),
        UUID.randomUUID().toString(),
        key,
        sequence,
        sequence,
        AT,
        Map.of());
  }
}
