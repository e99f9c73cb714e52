package io.fourfold.eventing.projection;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Keeps events that can never be applied, with the reason, on the dead-letter topic. */
@ApplicationScoped
public class DeadLetters {

  /** The header naming the projection that gave up on the event. */
  public static final String PROJECTION = "fourfold-dead-letter-projection";

  /** The header saying why. */
  public static final String REASON = "fourfold-dead-letter-reason";

  private final String bootstrapServers;
  private final String topic;
  private volatile KafkaProducer<String, byte[]> producer;

  public DeadLetters(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      ProjectionConfig config) {
    this.bootstrapServers = bootstrapServers;
    this.topic = config.deadLetterTopic();
  }

  /** Sends the record, as it came, with the projection and the reason in headers. */
  public Uni<Void> send(
      String projection, ConsumerRecord<String, byte[]> record, Throwable reason) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add(PROJECTION, projection.getBytes(StandardCharsets.UTF_8));
    headers.add(REASON, String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
    ProducerRecord<String, byte[]> deadLetter =
        new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    return Uni.createFrom()
        .emitter(
            emitter ->
                producer()
                    .send(
                        deadLetter,
                        (metadata, failure) -> {
                          if (failure == null) {
                            emitter.complete(null);
                          } else {
                            emitter.fail(failure);
                          }
                        }));
  }

  private KafkaProducer<String, byte[]> producer() {
    // Created on first use: most services never dead-letter anything.
    if (producer == null) {
      synchronized (this) {
        if (producer == null) {
          Properties properties = new Properties();
          properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
          properties.put(ProducerConfig.ACKS_CONFIG, "all");
          properties.put(ProducerConfig.CLIENT_ID_CONFIG, "fourfold-dead-letters");
          producer =
              new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        }
      }
    }
    return producer;
  }

  @PreDestroy
  void close() {
    if (producer != null) {
      producer.close();
    }
  }
}
