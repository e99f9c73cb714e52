package io.fourfold.schema.flag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fourfold.schema.codec.EventCodec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureFlagChangedTest {

  private static final String ADA = "7f1c7a52-6c1e-4c9f-9d7e-3f2b1a0c9e11";
  private static final Instant AT = Instant.parse("2026-11-29T01:00:00Z");

  @Test
  void survivesTheCodecWithItsLists() {
    EventCodec codec = EventCodec.standard();
    FeatureFlagChanged event =
        new FeatureFlagChanged("new-checkout", true, 25, List.of(ADA), List.of(), AT);

    assertThat(codec.decode("flag.changed", 1, codec.encode(event))).isEqualTo(event);
    assertThat(event.aggregateId()).isEqualTo("new-checkout");
  }

  @Test
  void refusesAKeyOutsideThePattern() {
    assertThatThrownBy(
            () -> new FeatureFlagChanged("New Checkout", true, 25, List.of(), List.of(), AT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAPercentOutsideZeroToHundred() {
    assertThatThrownBy(() -> new ChangeFeatureFlag("beta", true, 101, List.of(), List.of(), AT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChangeFeatureFlag("beta", true, -1, List.of(), List.of(), AT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesListedValuesThatAreNoAccountIds() {
    assertThatThrownBy(
            () -> new ChangeFeatureFlag("beta", true, 5, List.of("admin"), List.of(), AT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingListsAreEmpty() {
    assertThat(new ChangeFeatureFlag("beta", false, 0, null, null, AT).allowAccounts()).isEmpty();
  }
}
