package io.fourfold.eventing.projection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Feeds Kafka records to projectors: decodes them, applies them, retries a failing store with
 * backoff until it recovers (holding the partition, so one aggregate's events are never reordered
 * or skipped) and sends an event that can never apply to the dead-letter topic so the rest of the
 * stream goes on. A service's {@code @Incoming} method hands each record of a projection's channel
 * to {@link #handle}.
 */
@ApplicationScoped
public class ProjectionRuntime {

  private static final Logger LOG = Logger.getLogger(ProjectionRuntime.class);

  private final KafkaEventDecoder decoder;
  private final DeadLetters deadLetters;
  private final ProjectionConfig config;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, ProjectionStatus> statuses = new ConcurrentHashMap<>();

  public ProjectionRuntime(
      KafkaEventDecoder decoder, DeadLetters deadLetters, ProjectionConfig config) {
    this.decoder = decoder;
    this.deadLetters = deadLetters;
    this.config = config;
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
    return projector
        .apply(event)
        .onFailure(ProjectionRuntime::isTransient)
        .invoke(failure -> failing(projector, event, failure, status))
        .onFailure(ProjectionRuntime::isTransient)
        .retry()
        .withBackOff(config.retryInitialBackoff(), config.retryMaxBackoff())
        .indefinitely()
        .invoke(() -> status.applied(event, clock.instant()))
        .onFailure(PoisonEventException.class)
        .recoverWithUni(poison -> deadLetter(projector, record, poison, status));
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
    LOG.errorf(
        "%s: dead-lettering %s at offset %d of %s-%d: %s",
        projector.name(),
        record.key(),
        record.offset(),
        record.topic(),
        record.partition(),
        reason.getMessage());
    status.deadLettered();
    return deadLetters.send(projector.name(), record, reason);
  }

  private static void failing(
      Projector projector, ProjectedEvent event, Throwable failure, ProjectionStatus status) {
    status.failing();
    LOG.warnf(
        "%s: applying event %d of %s failed, retrying with backoff: %s",
        projector.name(), event.sequence(), event.aggregateId(), failure.toString());
  }

  private static boolean isTransient(Throwable failure) {
    return !(failure instanceof PoisonEventException);
  }
}
