package io.fourfold.eventing.projection;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How many events a projection has yet to apply, read from Kafka: the relay publishes one record
 * per event, so the records past the projection's committed offsets are exactly its backlog. Works
 * in every service, with or without an event store; cached briefly because every scrape asks.
 */
@ApplicationScoped
public class ConsumerLag {

  private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
  private static final long CACHE_NANOS = 1_000_000_000L;
  private static final long TIMEOUT_SECONDS = 2;

  private final String bootstrapServers;
  private final Map<String, Reading> readings = new ConcurrentHashMap<>();
  private volatile Admin admin;

  public ConsumerLag(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  private record Reading(long lag, long readAt) {}

  /**
   * The backlog of the projection's consumer group on its topic; empty when Kafka is unreachable.
   */
  public OptionalLong lag(String projection) {
    long now = System.nanoTime();
    Reading reading = readings.get(projection);
    if (reading == null || now - reading.readAt() > CACHE_NANOS) {
      try {
        reading = new Reading(read(projection), now);
        readings.put(projection, reading);
      } catch (Exception e) {
        LOG.debugf("Cannot read the lag of %s: %s", projection, e.toString());
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(reading.lag());
  }

  private long read(String projection) throws Exception {
    String topic = topicOf(projection);
    List<TopicPartition> partitions =
        admin()
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .get(topic)
            .partitions()
            .stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin()
            .listConsumerGroupOffsets(projection)
            .partitionsToOffsetAndMetadata()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        offsets(partitions, OffsetSpec.latest());
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
        offsets(partitions, OffsetSpec.earliest());
    long lag = 0;
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata position = committed.get(partition);
      long from = position != null ? position.offset() : starts.get(partition).offset();
      lag += Math.max(0, ends.get(partition).offset() - from);
    }
    return lag;
  }

  private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(
      List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(p, spec));
    return admin().listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static String topicOf(String projection) {
    return ConfigProvider.getConfig()
        .getOptionalValue("mp.messaging.incoming." + projection + ".topic", String.class)
        .orElse("fourfold.events");
  }

  private Admin admin() {
    if (admin == null) {
      synchronized (this) {
        if (admin == null) {
          Properties properties = new Properties();
          properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
          properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "fourfold-lag");
          admin = Admin.create(properties);
        }
      }
    }
    return admin;
  }

  @PreDestroy
  void close() {
    if (admin != null) {
      admin.close();
    }
  }
}
