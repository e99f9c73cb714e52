package io.fourfold.blob.support;

import io.fourfold.schema.AggregateCommand;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

/** Aggregate fixtures routed like the event store: commands name their aggregate. */
public final class Fixtures {

  private Fixtures() {}

  public static <A> FixtureConfiguration<A> of(Class<A> aggregate) {
    FixtureConfiguration<A> fixture = new AggregateTestFixture<>(aggregate);
    fixture.registerCommandTargetResolver(
        command -> {
          AggregateCommand target = (AggregateCommand) command.getPayload();
          return new VersionedAggregateIdentifier(target.aggregateId(), target.expectedVersion());
        });
    return fixture;
  }
}
