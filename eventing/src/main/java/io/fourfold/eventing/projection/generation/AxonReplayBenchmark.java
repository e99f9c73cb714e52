package io.fourfold.eventing.projection.generation;

import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.store.AxonEventStore;
import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.codec.EventTypes;
import io.fourfold.schema.codec.UnknownEventTypeException;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * For the replay benchmark only (benchmarks/replay.sh), off unless {@code
 * fourfold.rebuild.benchmark.enabled}: Axon's own replay of a projection, side by side with {@link
 * Rebuilds}. A tracking event processor runs over the same event store with the same projection
 * (its bulk {@link RebuildableProjection#applyAll}, given the events of each of Axon's batches at
 * the batch's commit, so Axon is measured at its best), is shut down, has its tokens reset ({@code
 * resetTokens}) and replays from the start into a scratch generation; the result is events/s.
 */
@ApplicationScoped
public class AxonReplayBenchmark {

  private final Instance<AgroalDataSource> eventStore;
  private final Instance<RebuildableProjection> projections;
  private final boolean enabled;
  private final int readBatchSize;
  private final Duration fetchDelay;

  public AxonReplayBenchmark(
      @DataSource("eventstore") Instance<AgroalDataSource> eventStore,
      Instance<RebuildableProjection> projections,
      @ConfigProperty(name = "fourfold.rebuild.benchmark.enabled", defaultValue = "false")
          boolean enabled,
      @ConfigProperty(name = "fourfold.event-store.read-batch-size", defaultValue = "500")
          int readBatchSize,
      @ConfigProperty(name = "fourfold.event-store.fetch-delay", defaultValue = "PT0.01S")
          Duration fetchDelay) {
    this.eventStore = eventStore;
    this.projections = projections;
    this.enabled = enabled;
    this.readBatchSize = readBatchSize;
    this.fetchDelay = fetchDelay;
  }

  /** What one replay measured. */
  public record Result(
      String projection, int batchSize, long events, double seconds, double eventsPerSecond) {}

  /** Whether the benchmark endpoints are switched on. */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Replays every event into a scratch generation (created, filled, dropped) with Axon's tracking
   * processor at the given batch size; blocks until it reached the head.
   */
  public Result replay(String name, int batchSize, int scratchGeneration) throws Exception {
    RebuildableProjection projection =
        projections.stream()
            .filter(p -> p.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new UnknownProjectionException(name));
    long head;
    long total;
    try (Connection connection = eventStore.get().getConnection();
        java.sql.Statement statement = connection.createStatement();
        java.sql.ResultSet rs = statement.executeQuery("SELECT count(*) FROM domainevententry")) {
      head = EventStoreBatches.head(connection);
      rs.next();
      total = rs.getLong(1);
    }
    EventTypes types = EventTypes.standard();
    projection.create(scratchGeneration);
    String batchKey = "replay-batch";
    EventMessageHandler handler =
        new EventMessageHandler() {
          @Override
          public Object handle(EventMessage<?> message) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            List<ProjectedEvent> batch =
                unitOfWork
                    .root()
                    .getOrComputeResource(
                        batchKey,
                        key -> {
                          List<ProjectedEvent> events = new ArrayList<>();
                          unitOfWork
                              .root()
                              .onPrepareCommit(u -> projection.applyAll(events, scratchGeneration));
                          return events;
                        });
            batch.add(projected(message));
            return null;
          }

          @Override
          public Class<?> getTargetType() {
            return projection.getClass();
          }

          // As an annotated projector's handlers do: events of other types are not deserialized.
          @Override
          public boolean canHandleType(Class<?> payloadType) {
            try {
              return projection.uses(types.byClass(payloadType).name());
            } catch (UnknownEventTypeException notRegistered) {
              return true;
            }
          }
        };
    InMemoryTokenStore tokens = new InMemoryTokenStore();
    EmbeddedEventStore events =
        AxonEventStore.readOnly(eventStore.get(), readBatchSize, fetchDelay);
    TrackingEventProcessor processor =
        TrackingEventProcessor.builder()
            .name("axon-replay-" + name)
            .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
            .messageSource(events)
            .tokenStore(tokens)
            .transactionManager(NoTransactionManager.INSTANCE)
            .trackingEventProcessorConfiguration(
                TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                    .andBatchSize(batchSize)
                    .andInitialTrackingToken(source -> source.createHeadToken()))
            .build();
    try {
      // Started at the head, then reset: the replay is Axon's resetTokens, as an operator runs it.
      processor.start();
      awaitPosition(processor, head, Duration.ofMinutes(1));
      processor.shutDown();
      processor.resetTokens(source -> source.createTailToken());
      long started = System.nanoTime();
      processor.start();
      awaitReplayed(processor, head, Duration.ofHours(1));
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Result(name, batchSize, total, seconds, total / seconds);
    } finally {
      processor.shutDown();
      events.shutDown();
      projection.drop(scratchGeneration);
    }
  }

  private static void awaitPosition(TrackingEventProcessor processor, long head, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (position(processor) >= head) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("Axon's replay did not reach " + head + " within " + timeout);
  }

  /** Until the processor has started replaying, then until it reached the head. */
  private static void awaitReplayed(TrackingEventProcessor processor, long head, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean replaying = false;
    while (System.nanoTime() < deadline) {
      var statuses = processor.processingStatus().values();
      if (!replaying) {
        replaying = statuses.stream().anyMatch(s -> s.isReplaying());
      } else if (position(processor) >= head) {
        // A replay token stays "replaying" at exactly its reset position; the position is enough.
        return;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("Axon's replay did not reach " + head + " within " + timeout);
  }

  private static long position(TrackingEventProcessor processor) {
    return processor.processingStatus().values().stream()
        .mapToLong(
            status -> {
              TrackingToken token = status.getTrackingToken();
              if (token == null) {
                return -1;
              }
              return token.position().orElse(-1);
            })
        .min()
        .orElse(-1);
  }

  private static ProjectedEvent projected(EventMessage<?> message) {
    long sequence =
        message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
    String aggregate =
        message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : "";
    long index =
        message instanceof TrackedEventMessage<?> tracked
                && tracked.trackingToken() instanceof GapAwareTrackingToken token
            ? token.getIndex()
            : 0;
    return new ProjectedEvent(
        (DomainEvent) message.getPayload(),
        message.getIdentifier(),
        aggregate,
        sequence,
        index,
        message.getTimestamp(),
        Map.of());
  }
}
