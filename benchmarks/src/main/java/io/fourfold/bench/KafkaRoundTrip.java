package io.fourfold.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The floor under command-to-visible: one record produced with the relay's producer settings (acks
 * all, idempotent, linger 1 ms) and consumed by a plain consumer in the same process, open-loop at
 * the same rate, on a topic of its own ({@code fourfold-bench.roundtrip}).
 */
final class KafkaRoundTrip {

  static final String TOPIC = "fourfold-bench.roundtrip";

  /** What the run measured. */
  record Result(long sent, long received, Histogram latency) {}

  private KafkaRoundTrip() {}

  static Result run(String bootstrap, int rate, int seconds) throws Exception {
    createTopic(bootstrap);
    Properties producerProperties = new Properties();
    producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    Properties consumerProperties = new Properties();
    consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Histogram latency = Table.histogram();
    AtomicLong received = new AtomicLong();
    AtomicBoolean consuming = new AtomicBoolean(true);
    long offered = (long) rate * seconds;
    TopicPartition partition = new TopicPartition(TOPIC, 0);
    try (KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                producerProperties, new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(
                consumerProperties, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      consumer.position(partition);
      Thread poller =
          new Thread(
              () -> {
                while (consuming.get()) {
                  for (ConsumerRecord<String, byte[]> record :
                      consumer.poll(Duration.ofMillis(50))) {
                    if ("warmup".equals(record.key())) {
                      continue;
                    }
                    long due = ByteBuffer.wrap(record.value()).getLong();
                    latency.recordValue(Math.max(0, System.nanoTime() - due));
                    received.incrementAndGet();
                  }
                }
              },
              "roundtrip-consumer");
      poller.start();
      // Warm the producer's connection and metadata before the clock starts.
      producer.send(new ProducerRecord<>(TOPIC, 0, "warmup", new byte[8])).get();
      Thread.sleep(500);
      latency.reset();
      received.set(0);
      long period = 1_000_000_000L / rate;
      long t0 = System.nanoTime() + 10_000_000L;
      for (long i = 0; i < offered; i++) {
        long due = t0 + i * period;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        byte[] value = ByteBuffer.allocate(8).putLong(due).array();
        producer.send(new ProducerRecord<>(TOPIC, 0, "k" + (i % 100), value));
      }
      producer.flush();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (received.get() < offered && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      consuming.set(false);
      poller.join();
    }
    return new Result(offered, received.get(), latency);
  }

  private static void createTopic(String bootstrap)
      throws InterruptedException, ExecutionException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      if (admin.listTopics().names().get().contains(TOPIC)) {
        return;
      }
      try {
        admin.createTopics(Set.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }
}
