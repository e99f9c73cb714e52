package io.fourfold.eventing.projection;

import io.fourfold.eventing.tracing.EventTracing;
import io.fourfold.schema.EventMetadata;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * Feeds Kafka records to projectors: decodes them, applies them, retries a failing store with
 * backoff until it recovers (holding the partition, so one aggregate's events are never reordered
 * or skipped) and sends an event that can never apply to the dead-letter topic so the rest of the
 * stream goes on. A service's {@code @Incoming} method hands each record of a projection's channel
 * to {@link #handle}, or, for a channel consumed in batches ({@code batch=true}), each poll's
 * records to {@link #handleBatch}.
 */
@ApplicationScoped
public class ProjectionRuntime {

  private static final Logger LOG = Logger.getLogger(ProjectionRuntime.class);

  private final KafkaEventDecoder decoder;
  private final DeadLetters deadLetters;
  private final ProjectionConfig config;
  private final AppliedSignals signals;
  private final EventTracing tracing;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, ProjectionStatus> statuses = new ConcurrentHashMap<>();

  public ProjectionRuntime(
      KafkaEventDecoder decoder,
      DeadLetters deadLetters,
      ProjectionConfig config,
      AppliedSignals signals,
      EventTracing tracing) {
    this.decoder = decoder;
    this.tracing = tracing;
    this.deadLetters = deadLetters;
    this.config = config;
    this.signals = signals;
  }

  /** Applies one record to the projector; completes once it is applied or dead-lettered. */
  public Uni<Void> handle(Projector projector, ConsumerRecord<String, byte[]> record) {
    ProjectionStatus status = statusOf(projector.name());
    ProjectedEvent event;
    try {
      event = decoder.decode(record);
    } catch (RuntimeException undecodable) {
      return deadLetter(projector, record, undecodable, status);
    }
    List<Span> spans = tracing.startApply(projector, List.of(event));
    return projector
        .apply(event)
        .onFailure(ProjectionRuntime::isTransient)
        .invoke(failure -> failing(projector, List.of(event), failure, status))
        .onFailure(ProjectionRuntime::isTransient)
        .retry()
        .withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff())
        .indefinitely()
        .invoke(() -> applied(projector, event, status))
        .onTermination()
        .invoke((ignored, failure, cancelled) -> EventTracing.end(spans, failure))
        .onFailure(PoisonEventException.class)
        .recoverWithUni(poison -> deadLetter(projector, record, poison, status));
  }

  /**
   * Applies one poll's records in as few store writes as the projector can ({@link
   * Projector#applyAll}), with the same guarantees as {@link #handle}: a failing store is retried
   * with backoff, an undecodable record is dead-lettered, and when an event of the batch can never
   * apply, the batch is applied again one event at a time so that only that event is dead-lettered.
   */
  public Uni<Void> handleBatch(
      Projector projector, Iterable<ConsumerRecord<String, byte[]>> records) {
    ProjectionStatus status = statusOf(projector.name());
    List<ProjectedEvent> events = new ArrayList<>();
    List<ConsumerRecord<String, byte[]>> decoded = new ArrayList<>();
    Uni<Void> undecodable = Uni.createFrom().voidItem();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        events.add(decoder.decode(record));
        decoded.add(record);
      } catch (RuntimeException failure) {
        undecodable =
            undecodable.flatMap(ignored -> deadLetter(projector, record, failure, status));
      }
    }
    if (events.isEmpty()) {
      return undecodable;
    }
    return undecodable.flatMap(
        ignored -> {
          List<Span> spans = tracing.startApply(projector, events);
          return projector
              .applyAll(events)
              .onFailure(ProjectionRuntime::isTransient)
              .invoke(failure -> failing(projector, events, failure, status))
              .onFailure(ProjectionRuntime::isTransient)
              .retry()
              .withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff())
              .indefinitely()
              .invoke(() -> events.forEach(event -> applied(projector, event, status)))
              .onTermination()
              .invoke((item, failure, cancelled) -> EventTracing.end(spans, failure))
              .onFailure(PoisonEventException.class)
              .recoverWithUni(poison -> oneByOne(projector, decoded));
        });
  }

  /** The status of a projection in this instance. */
  public ProjectionStatus statusOf(String projection) {
    return statuses.computeIfAbsent(projection, name -> new ProjectionStatus());
  }

  private Uni<Void> deadLetter(
      Projector projector,
      ConsumerRecord<String, byte[]> record,
      Throwable reason,
      ProjectionStatus status) {
    Header traceparent = record.headers().lastHeader(EventMetadata.TRACEPARENT);
    EventTracing.logInTrace(
        traceparent == null ? null : new String(traceparent.value(), StandardCharsets.UTF_8),
        () ->
            LOG.errorf(
                "%s: dead-lettering %s at offset %d of %s-%d: %s",
                projector.name(),
                record.key(),
                record.offset(),
                record.topic(),
                record.partition(),
                reason.getMessage()));
    status.deadLettered();
    return deadLetters.send(projector.name(), record, reason);
  }

  private Uni<Void> oneByOne(Projector projector, List<ConsumerRecord<String, byte[]>> records) {
    return Multi.createFrom()
        .iterable(records)
        .onItem()
        .transformToUniAndConcatenate(record -> handle(projector, record))
        .onItem()
        .ignoreAsUni();
  }

  private void applied(Projector projector, ProjectedEvent event, ProjectionStatus status) {
    status.applied(event, clock.instant());
    signals.applied(projector.name(), event.aggregateId(), event.sequence());
  }

  private static void failing(
      Projector projector,
      List<ProjectedEvent> events,
      Throwable failure,
      ProjectionStatus status) {
    status.failing();
    ProjectedEvent first = events.get(0);
    EventTracing.logInTrace(
        first.metadata().get(EventMetadata.TRACEPARENT),
        () ->
            LOG.warnf(
                "%s: applying %d event(s) from event %d of %s failed, retrying with backoff: %s",
                projector.name(),
                events.size(),
                first.sequence(),
                first.aggregateId(),
                failure.toString()));
  }

  private static boolean isTransient(Throwable failure) {
    return !(failure instanceof PoisonEventException);
  }
}
