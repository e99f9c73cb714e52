package io.fourfold.search.projection;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.EventHeaders;
import io.fourfold.schema.EventType;
import io.fourfold.schema.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes events to the test topic as the relay would (same key, payload and headers). */
final class EventPublisher implements AutoCloseable {

  static final String TOPIC = "fourfold-test.events";

  private final KafkaProducer<String, byte[]> producer;
  private final EventCodec codec = EventCodec.standard();

  EventPublisher(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
  }

  /** Publishes the event with its sequence and global index, waiting for Kafka's ack. */
  void publish(ProjectedEvent projected) throws Exception {
    DomainEvent event = projected.event();
    long sequence = projected.sequence();
    long globalIndex = projected.globalIndex();
    EventType type = event.getClass().getAnnotation(EventType.class);
    RecordHeaders headers = new RecordHeaders();
    add(headers, EventHeaders.EVENT_TYPE, type.name());
    add(headers, EventHeaders.EVENT_REVISION, String.valueOf(type.revision()));
    add(headers, EventHeaders.EVENT_ID, projected.eventId());
    add(headers, EventHeaders.AGGREGATE_ID, event.aggregateId());
    add(headers, EventHeaders.AGGREGATE_SEQUENCE, String.valueOf(sequence));
    add(headers, EventHeaders.GLOBAL_INDEX, String.valueOf(globalIndex));
    add(headers, EventHeaders.OCCURRED_AT, Instant.now().toString());
    producer
        .send(new ProducerRecord<>(TOPIC, null, event.aggregateId(), codec.encode(event), headers))
        .get(10, TimeUnit.SECONDS);
  }

  private static void add(RecordHeaders headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    producer.close();
  }
}
