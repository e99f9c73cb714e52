package io.fourfold.eventing.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Publishes how stale each projection is: {@code fourfold_projection_lag_events} (events in the
 * store it has not applied) and {@code fourfold_projection_lag_seconds} (how old its newest applied
 * event is while it is behind; zero when caught up), plus its dead letters.
 */
@ApplicationScoped
public class ProjectionMetrics {

  private final ProjectionRuntime runtime;
  private final ConsumerLag consumerLag;
  private final Clock clock = Clock.systemUTC();
  private final Instant startedAt = Instant.now(clock);

  public ProjectionMetrics(ProjectionRuntime runtime, ConsumerLag consumerLag) {
    this.runtime = runtime;
    this.consumerLag = consumerLag;
  }

  void register(
      @Observes StartupEvent start, Instance<Projector> projectors, MeterRegistry meters) {
    for (Projector projector : projectors) {
      Tags tags = Tags.of("projection", projector.name(), "store", projector.store().apiName());
      ProjectionStatus status = runtime.statusOf(projector.name());
      String name = projector.name();
      Gauge.builder("fourfold.projection.lag.events", () -> lagEvents(name))
          .tags(tags)
          .description("Events in the event store this projection has not applied yet")
          .register(meters);
      Gauge.builder("fourfold.projection.lag.seconds", () -> lagSeconds(name))
          .tags(tags)
          .description("Age of the newest applied event while the projection is behind")
          .register(meters);
      Gauge.builder("fourfold.projection.dead.letters", () -> status.read().deadLetters())
          .tags(tags)
          .description("Events this projection sent to the dead-letter topic since start")
          .register(meters);
    }
  }

  /** Events the projection has not applied yet; 0 while Kafka cannot say. */
  public long lagEvents(String projection) {
    return consumerLag.lag(projection).orElse(0);
  }

  /**
   * Seconds the projection is behind, 0 when caught up: the age of the newest event it applied (or
   * the time since start when it has applied none yet) while it has a backlog.
   */
  public double lagSeconds(String projection) {
    if (lagEvents(projection) == 0) {
      return 0;
    }
    Instant newest = runtime.statusOf(projection).read().lastOccurredAt();
    Instant since = newest != null ? newest : startedAt;
    return Duration.between(since, Instant.now(clock)).toMillis() / 1000.0;
  }
}
