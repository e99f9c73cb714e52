package io.fourfold.eventing.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.fourfold.eventing.tracing.EventTracing;
import io.fourfold.schema.EventHeaders;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.codec.EventCodec;
import io.fourfold.schema.consistency.ConsistencyToken;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime around every projector, against the real Kafka of the local stack: a failing store is
 * retried without skipping or reordering, and an event that can never apply is dead-lettered while
 * the stream goes on.
 */
class ProjectionRuntimeTest {

  private static final String KAFKA =
      System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
  private static final String DEAD_LETTERS = "fourfold-test.dead-letters";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final EventCodec codec = EventCodec.standard();
  private final String accountId = "runtime-test-" + UUID.randomUUID();
  private final AppliedSignals signals = new AppliedSignals();
  private DeadLetters deadLetters;
  private ProjectionRuntime runtime;

  @BeforeEach
  void startRuntime() {
    ProjectionConfig config = new TestConfig();
    deadLetters = new DeadLetters(KAFKA, config);
    runtime =
        new ProjectionRuntime(
            new KafkaEventDecoder(),
            deadLetters,
            config,
            signals,
            new EventTracing(OpenTelemetry.noop()));
  }

  @AfterEach
  void stopRuntime() {
    deadLetters.close();
  }

  @Test
  void aFailingStoreIsRetriedUntilItRecoversWithoutSkippingOrReordering() {
    RecordingProjector projector = new RecordingProjector(1, 3, false);

    for (long sequence = 0; sequence < 3; sequence++) {
      runtime.handle(projector, record(sequence)).await().atMost(WAIT);
    }

    assertThat(projector.applied).containsExactly(0L, 1L, 2L);
    assertThat(projector.attempts.get()).isEqualTo(3 + 3);
    assertThat(runtime.statusOf(projector.name()).read().state())
        .isEqualTo(ProjectionStatus.State.LIVE);
    assertThat(runtime.statusOf(projector.name()).read().globalIndex()).isEqualTo(102);
  }

  @Test
  void anEventThatCanNeverApplyIsDeadLetteredAndTheStreamGoesOn() {
    RecordingProjector projector = new RecordingProjector(1, Integer.MAX_VALUE, true);

    for (long sequence = 0; sequence < 3; sequence++) {
      runtime.handle(projector, record(sequence)).await().atMost(WAIT);
    }

    assertThat(projector.applied).containsExactly(0L, 2L);
    List<ConsumerRecord<String, byte[]>> dead = deadLettersOf(accountId, 1);
    assertThat(header(dead.get(0), DeadLetters.PROJECTION)).isEqualTo(projector.name());
    assertThat(header(dead.get(0), DeadLetters.REASON)).contains("never applies");
    assertThat(header(dead.get(0), EventHeaders.AGGREGATE_SEQUENCE)).isEqualTo("1");
    assertThat(runtime.statusOf(projector.name()).read().deadLetters()).isEqualTo(1);
  }

  @Test
  void aRecordThatCannotBeDecodedIsDeadLettered() {
    RecordingProjector projector = new RecordingProjector(-1, 0, false);
    ConsumerRecord<String, byte[]> garbage =
        new ConsumerRecord<>(
            "fourfold-test.events", 0, 0, accountId, "not json".getBytes(StandardCharsets.UTF_8));

    runtime.handle(projector, garbage).await().atMost(WAIT);

    assertThat(projector.applied).isEmpty();
    assertThat(header(deadLettersOf(accountId, 1).get(0), DeadLetters.REASON))
        .contains("fourfold-event-type");
  }

  @Test
  void aBatchIsAppliedInOrderAndRetriedWholeWhileTheStoreFails() {
    RecordingProjector projector = new RecordingProjector(1, 3, false);

    runtime.handleBatch(projector, List.of(record(0), record(1), record(2))).await().atMost(WAIT);

    assertThat(projector.applied).containsExactly(0L, 1L, 2L);
    assertThat(runtime.statusOf(projector.name()).read().state())
        .isEqualTo(ProjectionStatus.State.LIVE);
    assertThat(runtime.statusOf(projector.name()).read().globalIndex()).isEqualTo(102);
  }

  @Test
  void aPoisonEventInABatchIsDeadLetteredAloneAndTheRestOfTheBatchApplies() {
    RecordingProjector projector = new RecordingProjector(1, Integer.MAX_VALUE, true);

    runtime.handleBatch(projector, List.of(record(0), record(1), record(2))).await().atMost(WAIT);

    assertThat(projector.applied).containsExactly(0L, 2L);
    List<ConsumerRecord<String, byte[]>> dead = deadLettersOf(accountId, 1);
    assertThat(header(dead.get(0), EventHeaders.AGGREGATE_SEQUENCE)).isEqualTo("1");
    assertThat(runtime.statusOf(projector.name()).read().deadLetters()).isEqualTo(1);
  }

  @Test
  void anUndecodableRecordInABatchIsDeadLetteredAndTheRestOfTheBatchApplies() {
    RecordingProjector projector = new RecordingProjector(-1, 0, false);
    ConsumerRecord<String, byte[]> garbage =
        new ConsumerRecord<>(
            "fourfold-test.events", 0, 9, accountId, "not json".getBytes(StandardCharsets.UTF_8));

    runtime.handleBatch(projector, List.of(record(0), garbage, record(1))).await().atMost(WAIT);

    assertThat(projector.applied).containsExactly(0L, 1L);
    assertThat(header(deadLettersOf(accountId, 1).get(0), DeadLetters.REASON))
        .contains("fourfold-event-type");
  }

  @Test
  void aConsistencyWaitAnswersFreshOnceTheRuntimeAppliedTheEventAndStaleAfterItsTimeout() {
    RecordingProjector projector = new RecordingProjector(-1, 0, false);
    ConsistencyWaits waits = new ConsistencyWaits(signals);
    ConsistencyToken second = new ConsistencyToken(accountId, 1);

    Uni<Boolean> fresh = waits.awaitApplied(projector, List.of(second), Duration.ofSeconds(10));
    java.util.concurrent.CompletableFuture<Boolean> answer = fresh.subscribeAsCompletionStage();
    runtime.handleBatch(projector, List.of(record(0), record(1))).await().atMost(WAIT);

    assertThat(answer).succeedsWithin(WAIT).isEqualTo(true);
    assertThat(
            waits
                .awaitApplied(
                    projector, List.of(new ConsistencyToken(accountId, 2)), Duration.ofMillis(100))
                .await()
                .atMost(WAIT))
        .isFalse();
  }

  private ConsumerRecord<String, byte[]> record(long sequence) {
    RecordHeaders headers = new RecordHeaders();
    add(headers, EventHeaders.EVENT_TYPE, "account.suspended");
    add(headers, EventHeaders.EVENT_REVISION, "1");
    add(headers, EventHeaders.EVENT_ID, UUID.randomUUID().toString());
    add(headers, EventHeaders.AGGREGATE_ID, accountId);
    add(headers, EventHeaders.AGGREGATE_SEQUENCE, String.valueOf(sequence));
    add(headers, EventHeaders.GLOBAL_INDEX, String.valueOf(100 + sequence));
    add(headers, EventHeaders.OCCURRED_AT, "2026-01-01T00:00:00Z");
    byte[] payload =
        codec.encode(
            new AccountSuspended(
                accountId, "test " + sequence, Instant.parse("2026-01-01T00:00:00Z")));
    return new ConsumerRecord<>(
        "fourfold-test.events",
        0,
        sequence,
        0L,
        TimestampType.CREATE_TIME,
        0,
        0,
        accountId,
        payload,
        headers,
        Optional.empty());
  }

  private static void add(RecordHeaders headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String header(ConsumerRecord<String, byte[]> record, String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  private static List<ConsumerRecord<String, byte[]>> deadLettersOf(String key, int expected) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(DEAD_LETTERS).stream()
              .map(p -> new TopicPartition(DEAD_LETTERS, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (found.size() < expected && System.nanoTime() < deadline) {
        consumer
            .poll(Duration.ofMillis(500))
            .forEach(
                r -> {
                  if (key.equals(r.key())) {
                    found.add(r);
                  }
                });
      }
    }
    assertThat(found).as("dead letters of %s", key).hasSize(expected);
    return found;
  }

  /**
   * A projector that records what it applied (skipping what it already holds, as every projector
   * must) and fails on one sequence, as told.
   */
  private static final class RecordingProjector implements Projector {
    final List<Long> applied = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final long failingSequence;
    private final int failures;
    private final boolean poison;
    private final String name = "runtime-test-" + UUID.randomUUID();

    RecordingProjector(long failingSequence, int failures, boolean poison) {
      this.failingSequence = failingSequence;
      this.failures = failures;
      this.poison = poison;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ProjectionStore store() {
      return ProjectionStore.POSTGRESQL;
    }

    @Override
    public Uni<Void> apply(ProjectedEvent event) {
      return Uni.createFrom()
          .voidItem()
          .invoke(
              () -> {
                attempts.incrementAndGet();
                if (!applied.isEmpty() && applied.get(applied.size() - 1) >= event.sequence()) {
                  return;
                }
                if (event.sequence() == failingSequence && failed.get() < failures) {
                  failed.incrementAndGet();
                  if (poison) {
                    throw new PoisonEventException("this event never applies");
                  }
                  throw new IllegalStateException("store unavailable");
                }
                applied.add(event.sequence());
              });
    }

    @Override
    public Uni<Long> appliedSequence(String aggregateId) {
      return Uni.createFrom().item(applied.isEmpty() ? -1L : applied.get(applied.size() - 1));
    }
  }

  /** Short backoffs, so the retry test is quick. */
  private static final class TestConfig implements ProjectionConfig {
    @Override
    public String deadLetterTopic() {
      return DEAD_LETTERS;
    }

    @Override
    public Duration retryInitialBackoff() {
      return Duration.ofMillis(10);
    }

    @Override
    public Duration retryMaxBackoff() {
      return Duration.ofMillis(50);
    }

    @Override
    public Optional<String> servesReads() {
      return Optional.empty();
    }
  }
}
