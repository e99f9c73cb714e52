package io.fourfold.eventing.relay;

import io.fourfold.eventing.store.EventStoreConfig;
import io.fourfold.eventing.tracing.EventTracing;
import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.EventHeaders;
import io.fourfold.schema.EventMetadata;
import io.fourfold.schema.EventType;
import io.fourfold.schema.codec.EventCodec;
import io.opentelemetry.api.trace.Span;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes every committed event to Kafka, keyed by aggregate id so one aggregate's events stay in
 * order. It runs as the handler of a tracking processor whose token is claimed, so exactly one
 * instance relays at a time. The batch's token is stored only after Kafka acknowledged every event
 * of the batch: a crash in between republishes (consumers are idempotent), never loses.
 */
@ApplicationScoped
@IfBuildProperty(name = "fourfold.event-store.enabled", stringValue = "true")
public class KafkaRelay {

  private static final String PENDING = KafkaRelay.class.getName() + ".pending";
  private static final long ACK_TIMEOUT_SECONDS = 30;

  private final KafkaProducer<String, byte[]> producer;
  private final EventCodec codec = EventCodec.standard();
  private final String topic;
  private final EventTracing tracing;

  public KafkaRelay(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      EventStoreConfig config,
      EventTracing tracing) {
    this.topic = config.relay().topic();
    this.tracing = tracing;
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "fourfold-relay");
    this.producer =
        new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
  }

  @PreDestroy
  void close() {
    producer.close();
  }

  @EventHandler
  public void on(DomainEvent event, EventMessage<?> message) {
    Span publish = tracing.startPublish(topic, event, event.aggregateId(), message.getMetaData());
    pendingAcks()
        .add(
            producer.send(
                record(event, message, publish),
                (metadata, failure) -> EventTracing.end(List.of(publish), failure)));
  }

  private ProducerRecord<String, byte[]> record(
      DomainEvent event, EventMessage<?> message, Span publish) {
    EventType type = event.getClass().getAnnotation(EventType.class);
    RecordHeaders headers = new RecordHeaders();
    header(headers, EventHeaders.EVENT_TYPE, type.name());
    header(headers, EventHeaders.EVENT_REVISION, String.valueOf(type.revision()));
    header(headers, EventHeaders.EVENT_ID, message.getIdentifier());
    header(headers, EventHeaders.AGGREGATE_ID, event.aggregateId());
    header(headers, EventHeaders.OCCURRED_AT, message.getTimestamp().toString());
    if (message instanceof DomainEventMessage<?> domain) {
      header(headers, EventHeaders.AGGREGATE_SEQUENCE, String.valueOf(domain.getSequenceNumber()));
    }
    if (message instanceof TrackedEventMessage<?> tracked
        && tracked.trackingToken() instanceof GapAwareTrackingToken token) {
      header(headers, EventHeaders.GLOBAL_INDEX, String.valueOf(token.getIndex()));
    }
    // Axon's origin provider names the causing message "correlationId" and the first one "traceId".
    header(headers, EventMetadata.CAUSATION_ID, message.getMetaData().get("correlationId"));
    header(headers, EventMetadata.CORRELATION_ID, message.getMetaData().get("traceId"));
    // Consumers continue the trace from the publishing span (or the request's, with tracing off).
    header(
        headers,
        EventMetadata.TRACEPARENT,
        EventTracing.traceparent(publish, message.getMetaData()).orElse(null));
    for (String key :
        List.of(EventMetadata.TRACESTATE, EventMetadata.ACTOR, EventMetadata.SESSION_ID)) {
      header(headers, key, message.getMetaData().get(key));
    }
    return new ProducerRecord<>(topic, null, event.aggregateId(), codec.encode(event), headers);
  }

  private static void header(RecordHeaders headers, String key, Object value) {
    if (value != null) {
      headers.add(key, value.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The acknowledgements the current batch waits for before its token may be stored. */
  private static List<Future<RecordMetadata>> pendingAcks() {
    UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
    return batch.getOrComputeResource(
        PENDING,
        key -> {
          List<Future<RecordMetadata>> pending = new ArrayList<>();
          batch.onPrepareCommit(unitOfWork -> awaitAll(pending));
          return pending;
        });
  }

  private static void awaitAll(List<Future<RecordMetadata>> pending) {
    try {
      for (Future<RecordMetadata> ack : pending) {
        ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new RelayException("Kafka did not acknowledge the batch; it will be relayed again", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RelayException("Interrupted while waiting for Kafka", e);
    }
  }

  /** A batch that could not be published; the processor retries it from its stored token. */
  static final class RelayException extends RuntimeException {
    RelayException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
