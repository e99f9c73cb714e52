package io.fourfold.account.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fourfold.account.application.AccountCommands;
import io.fourfold.account.application.HashedPassword;
import io.fourfold.eventing.store.AxonEventStore;
import io.fourfold.schema.EventHeaders;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.EventProcessor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The relay publishes every committed event to Kafka, even across a stop and a restart. */
@QuarkusTest
class RelayRestartTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Inject AccountCommands accounts;
  @Inject AxonEventStore eventStore;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @ConfigProperty(name = "fourfold.event-store.relay.topic")
  String topic;

  @Test
  void eventsWrittenWhileTheRelayIsStoppedArePublishedWhenItRestarts() {
    EventProcessor relay =
        eventStore
            .configuration()
            .eventProcessingConfiguration()
            .eventProcessor(AxonEventStore.RELAY_PROCESSOR)
            .orElseThrow();
    Set<String> before = register(15);
    relay.shutDown();
    Set<String> whileStopped = register(15);
    relay.start();
    Set<String> after = register(5);

    Set<String> expected = new HashSet<>(before);
    expected.addAll(whileStopped);
    expected.addAll(after);
    assertThat(publishedAggregates(expected)).containsAll(expected);
  }

  private Set<String> register(int count) {
    HashedPassword password = HashedPassword.of("relay password");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < count; i++) {
      String email = "relay-" + UUID.randomUUID() + "@example.com";
      ids.add(accounts.register(email, "Relay Test", password, "user").accountId());
    }
    return ids;
  }

  /** Reads the topic from the start until every expected aggregate was seen, or the deadline. */
  private Set<String> publishedAggregates(Set<String> expected) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Set<String> seen = new HashSet<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          var header = record.headers().lastHeader(EventHeaders.AGGREGATE_ID);
          if (header != null) {
            seen.add(new String(header.value(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return seen;
  }
}
