package io.fourfold.session.flag.command;

import io.fourfold.schema.AggregateCommand;
import io.fourfold.schema.flag.ChangeFeatureFlag;
import io.fourfold.schema.flag.FeatureFlagChanged;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeatureFlagTest {

  private static final Instant AT = Instant.parse("2026-11-29T01:00:00Z");
  private static final String ADA = "11111111-1111-4111-8111-111111111111";
  private static final String BOB = "22222222-2222-4222-8222-222222222222";

  private AggregateTestFixture<FeatureFlag> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(FeatureFlag.class);
    // As the event store routes event-schema's commands: by the aggregate id they name.
    fixture.registerCommandTargetResolver(
        command ->
            new VersionedAggregateIdentifier(
                ((AggregateCommand) command.getPayload()).aggregateId(), null));
  }

  @Test
  void theFirstRuleCreatesTheFlag() {
    fixture
        .givenNoPriorActivity()
        .when(new ChangeFeatureFlag("beta", true, 10, List.of(ADA), List.of(), AT))
        .expectSuccessfulHandlerExecution()
        .expectEvents(new FeatureFlagChanged("beta", true, 10, List.of(ADA), List.of(), AT))
        .expectResultMessagePayload(0L);
  }

  @Test
  void aNewRuleReplacesTheOldOne() {
    fixture
        .given(new FeatureFlagChanged("beta", true, 10, List.of(ADA), List.of(), AT))
        .when(new ChangeFeatureFlag("beta", true, 50, List.of(), List.of(BOB), AT))
        .expectEvents(new FeatureFlagChanged("beta", true, 50, List.of(), List.of(BOB), AT))
        .expectResultMessagePayload(1L);
  }

  @Test
  void theSameRuleAgainRecordsNothing() {
    fixture
        .given(new FeatureFlagChanged("beta", true, 10, List.of(ADA, BOB), List.of(), AT))
        .when(new ChangeFeatureFlag("beta", true, 10, List.of(BOB, ADA), List.of(), AT))
        .expectNoEvents()
        .expectResultMessagePayload(0L);
  }
}
