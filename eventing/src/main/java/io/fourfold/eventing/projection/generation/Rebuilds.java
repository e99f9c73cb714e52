package io.fourfold.eventing.projection.generation;

import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.codec.EventCodec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds projections into new generations, rolls back and prunes, in the service that owns them.
 *
 * <p>A rebuild reads the event store from the start (or from its checkpoint, when it resumes) in
 * large ordered batches into a new generation while the serving generation goes on answering reads
 * and applying live events. When it has caught up with the head, it holds off live writes (reads go
 * on), applies the last events, switches the store to the new generation and commits: the events
 * the live projector applied to the old generation in the meantime were committed to the event
 * store before Kafka carried them, so the last read has them, and what the live projector applies
 * after the switch goes to the new generation, idempotently. The old generation is kept, retired,
 * for {@link #rollback} until {@link #prune}.
 *
 * <p>Only what the projectors write to their own store is touched: nothing is published, no command
 * is sent, so no side effect fires twice. Events are decoded with the standard codec, so upcasters
 * apply, and projections decrypt personal data with the keys that still exist, so erased accounts
 * stay erased.
 */
@ApplicationScoped
public class Rebuilds {

  private static final Logger LOG = Logger.getLogger(Rebuilds.class);
  private static final int SWITCH_ATTEMPTS = 5;

  private final Instance<RebuildableProjection> projections;
  private final Instance<AgroalDataSource> eventStore;
  private final MeterRegistry meters;
  private final String service;
  private final int batchSize;
  private final Duration gapTimeout;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, AtomicReference<RebuildProgress>> operations =
      new ConcurrentHashMap<>();
  private final int writers;
  private final Duration checkpointInterval;
  private final Replay replay;
  private volatile boolean migrated;
  private java.util.concurrent.ExecutorService writerPool;

  public Rebuilds(
      Instance<RebuildableProjection> projections,
      @DataSource("eventstore") Instance<AgroalDataSource> eventStore,
      MeterRegistry meters,
      @ConfigProperty(name = "quarkus.application.name") String service,
      @ConfigProperty(name = "fourfold.rebuild.batch-size", defaultValue = "10000") int batchSize,
      @ConfigProperty(name = "fourfold.rebuild.gap-timeout", defaultValue = "PT60S")
          Duration gapTimeout,
      @ConfigProperty(name = "fourfold.rebuild.writers", defaultValue = "2") int writers,
      @ConfigProperty(name = "fourfold.rebuild.checkpoint-interval", defaultValue = "PT30S")
          Duration checkpointInterval) {
    this.writers = writers;
    this.checkpointInterval = checkpointInterval;
    this.replay = new Replay(batchSize);
    this.projections = projections;
    this.eventStore = eventStore;
    this.meters = meters;
    this.service = service;
    this.batchSize = batchSize;
    this.gapTimeout = gapTimeout;
  }

  /** The rebuildable projections of this service, by name. */
  public List<String> names() {
    return projections.stream().map(RebuildableProjection::name).sorted().toList();
  }

  /** Every rebuildable projection of this service with its generations. */
  public List<ProjectionGenerations> generations() throws SQLException {
    List<ProjectionGenerations> reports = new ArrayList<>();
    if (projections.stream().findAny().isEmpty()) {
      // A service without rebuildable projections may have no event store to keep a registry in.
      return reports;
    }
    for (RebuildableProjection projection :
        projections.stream().sorted(Comparator.comparing(RebuildableProjection::name)).toList()) {
      reports.add(generations(projection));
    }
    return reports;
  }

  /**
   * The generation serving each rebuildable projection of this service and whether an operation
   * runs on it in this instance, for {@code GET /api/v1/projections}; projections that are not
   * rebuildable here are absent.
   */
  public Map<String, Serving> serving() throws SQLException {
    Map<String, Serving> serving = new HashMap<>();
    for (ProjectionGenerations projection : generations()) {
      RebuildProgress operation = projection.operation();
      serving.put(
          projection.name(),
          new Serving(projection.active(), operation != null && !operation.finished()));
    }
    return serving;
  }

  /** A projection's serving generation, and whether a rebuild, rollback or prune is running. */
  public record Serving(int generation, boolean operationRunning) {}

  /** The event store's head, read from its database; empty when this service has none. */
  public OptionalLong head() throws SQLException {
    if (!eventStore.isResolvable()) {
      return OptionalLong.empty();
    }
    try (Connection connection = eventStore.get().getConnection()) {
      return OptionalLong.of(EventStoreBatches.head(connection));
    }
  }

  /** The last operation this instance ran on a projection, if any. */
  public Optional<RebuildProgress> progress(String name) {
    projection(name);
    AtomicReference<RebuildProgress> progress = operations.get(name);
    return progress == null ? Optional.empty() : Optional.ofNullable(progress.get());
  }

  /**
   * Starts a rebuild (or, with an aggregate id, an in-place rebuild of one aggregate) in the
   * background and answers its first progress; a dry run only answers the plan.
   *
   * @throws RebuildBusyException when another operation on the projection runs
   * @throws UnknownProjectionException when this service has no such rebuildable projection
   */
  public RebuildProgress rebuild(String name, RebuildRequest request) throws SQLException {
    RebuildableProjection projection = projection(name);
    GenerationRegistry registry = registry();
    if (request.dryRun()) {
      return plan(projection, registry, request);
    }
    String operation = request.aggregateId() != null ? "rebuild-aggregate" : "rebuild";
    GenerationRegistry.Lock lock = registry.lock(name, holder(operation));
    return start(
        projection,
        operation,
        lock,
        progress -> {
          if (request.aggregateId() != null) {
            rebuildAggregate(projection, registry, request.aggregateId(), progress);
          } else {
            rebuildGeneration(projection, registry, request, progress);
          }
        });
  }

  /**
   * Switches back to the generation that served before the last switch, after catching it up.
   *
   * @throws IllegalStateException when no retired generation is kept
   */
  public RebuildProgress rollback(String name) throws SQLException {
    RebuildableProjection projection = projection(name);
    GenerationRegistry registry = registry();
    previous(projection, registry)
        .orElseThrow(() -> new IllegalStateException(name + " keeps no retired generation"));
    GenerationRegistry.Lock lock = registry.lock(name, holder("rollback"));
    return start(
        projection, "rollback", lock, progress -> rollback(projection, registry, progress));
  }

  /** Drops every retired generation of a projection; answers the generations dropped. */
  public List<Integer> prune(String name) throws SQLException {
    RebuildableProjection projection = projection(name);
    GenerationRegistry registry = registry();
    List<Integer> dropped = new ArrayList<>();
    try (GenerationRegistry.Lock lock = registry.lock(name, holder("prune"))) {
      for (GenerationReport generation : registry.generations(projection)) {
        if (generation.state().equals(GenerationRegistry.RETIRED)
            && generation.generation() != projection.servingGeneration()) {
          projection.drop(generation.generation());
          registry.forget(name, generation.generation());
          dropped.add(generation.generation());
        }
      }
    }
    LOG.infof("%s: pruned generations %s", name, dropped);
    return dropped;
  }

  /** Waits for the projection's current operation to end (for tests and the CLI's own use). */
  public RebuildProgress await(String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      RebuildProgress progress = progress(name).orElse(null);
      if (progress != null && progress.finished()) {
        return progress;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(name + ": the operation did not end within " + timeout);
  }

  /**
   * Holds the projection, applies the events after {@code from} up to the head, serves the
   * generation and commits; answers the checkpoint the generation then holds. Taking the hold can
   * deadlock with a live transaction that already read the tables and now wants to write them (the
   * store picks one to abort): then the hold is rolled back and taken again, reading again from
   * {@code from}, which is harmless since applying is idempotent.
   */
  private long switchTo(
      RebuildableProjection projection,
      Connection connection,
      long from,
      int target,
      OperationTracker progress)
      throws SQLException {
    for (int attempt = 1; ; attempt++) {
      EventStoreBatches.Cursor cursor = batches(projection).after(from, projection::uses);
      try (RebuildableProjection.Exclusive exclusive = projection.exclusive()) {
        replay.toHead(
            connection,
            cursor,
            Replay.perBatch(events -> exclusive.applyAll(events, target)),
            progress::read,
            at -> {},
            0);
        exclusive.serve(target);
        exclusive.commit();
      } catch (RuntimeException failure) {
        if (attempt >= SWITCH_ATTEMPTS || !lockConflict(failure)) {
          throw failure;
        }
        LOG.infof(
            "%s: the switch met a live transaction (%s); taking the hold again",
            projection.name(), failure.getMessage());
        pause(attempt, failure);
        continue;
      }
      if (projection.holdStopsLiveWrites()) {
        return cursor.checkpoint();
      }
      // For a store whose hold cannot stop live writes (a Redis pointer, an alias), an event
      // applied live to the old generation between the last read and the switch is in the event
      // store already: one more read after the switch applies it (idempotently) to the new one.
      EventStoreBatches.Cursor after = batches(projection).after(from, projection::uses);
      replay.toHead(
          connection,
          after,
          Replay.perBatch(events -> projection.applyAll(events, target)),
          progress::read,
          at -> {},
          0);
      return Math.max(cursor.checkpoint(), after.checkpoint());
    }
  }

  private static void pause(int attempt, RuntimeException failure) {
    try {
      Thread.sleep(50L * attempt);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }

  /** A deadlock, a lock timeout or a serialization failure, as PostgreSQL names them. */
  private static boolean lockConflict(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String state = null;
      if (cause instanceof SQLException sql) {
        state = sql.getSQLState();
      } else {
        try {
          Object value = cause.getClass().getMethod("getSqlState").invoke(cause);
          state = value == null ? null : value.toString();
        } catch (ReflectiveOperationException notAStoreFailure) {
          state = null;
        }
      }
      if ("40P01".equals(state) || "55P03".equals(state) || "40001".equals(state)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- operations

  @FunctionalInterface
  private interface Operation {
    void run(OperationTracker progress) throws Exception;
  }

  private RebuildProgress start(
      RebuildableProjection projection,
      String operation,
      GenerationRegistry.Lock lock,
      Operation work) {
    String name = projection.name();
    OperationTracker tracker = new OperationTracker(name, operation, holder(operation), clock);
    AtomicReference<RebuildProgress> slot =
        operations.computeIfAbsent(
            name,
            n -> {
              AtomicReference<RebuildProgress> created = new AtomicReference<>();
              Gauge.builder(
                      "fourfold.rebuild.position",
                      created,
                      ref -> ref.get() == null ? 0 : ref.get().position())
                  .description("The global index a projection's rebuild has read up to")
                  .tag("projection", n)
                  .register(meters);
              return created;
            });
    tracker.publishTo(slot);
    Thread thread =
        new Thread(
            () -> {
              try (lock) {
                work.run(tracker);
                tracker.done("done");
                LOG.infof("%s: %s done: %s", name, operation, tracker.read().message());
              } catch (Replay.SimulatedCrash crash) {
                tracker.ended("crashed", crash.getMessage());
                LOG.warnf("%s: %s stopped dead: %s", name, operation, crash.getMessage());
              } catch (Exception | Error failure) {
                tracker.ended("failed", failure.toString());
                LOG.errorf(failure, "%s: %s failed", name, operation);
              }
            },
            "rebuild-" + name);
    thread.setDaemon(true);
    thread.start();
    return tracker.read();
  }

  private void rebuildGeneration(
      RebuildableProjection projection,
      GenerationRegistry registry,
      RebuildRequest request,
      OperationTracker progress)
      throws SQLException {
    String name = projection.name();
    int serving = reconcile(projection, registry);
    Optional<GenerationReport> building = registry.building(projection);
    int target;
    long start;
    long builtFrom;
    try (Connection connection = eventStore.get().getConnection()) {
      long head = EventStoreBatches.head(connection);
      if (building.isPresent()) {
        target = building.get().generation();
        start =
            request.fromPosition() != null
                ? request.fromPosition() - 1
                : building.get().checkpoint();
        builtFrom = registry.builtFrom(name, target);
        LOG.infof("%s: resuming generation %d after %d", name, target, start);
      } else {
        target = next(projection, registry);
        start = request.fromPosition() != null ? request.fromPosition() - 1 : 0;
        builtFrom = head;
        registry.record(name, target, GenerationRegistry.BUILDING, start, builtFrom);
      }
      progress.begin(target, serving, start, head);
      projection.create(target);
      EventStoreBatches.Cursor cursor = batches(projection).after(start, projection::uses);
      Optional<RebuildableProjection.BulkLoad> load = projection.bulkLoad(target);
      replay.toHead(
          connection,
          cursor,
          load.map(l -> Replay.folding(l, clock, checkpointInterval))
              .orElseGet(
                  () -> Replay.perBatch(events -> applyInParallel(projection, events, target))),
          progress::read,
          at -> registry.checkpoint(name, target, at),
          request.stopAfterCheckpoints());
      load.ifPresent(RebuildableProjection.BulkLoad::finish);
      progress.phase("switching", EventStoreBatches.head(connection));
      long switchedAt = switchTo(projection, connection, cursor.checkpoint(), target, progress);
      // The old generation was live until now; a rollback catches it up from where this build
      // started, which the live projector had certainly applied.
      registry.switched(name, serving, builtFrom, target, switchedAt);
      progress.message(
          "generation "
              + target
              + " serves "
              + name
              + " ("
              + projection.location(target)
              + "); generation "
              + serving
              + " kept for rollback until prune");
    }
  }

  private void rebuildAggregate(
      RebuildableProjection projection,
      GenerationRegistry registry,
      String aggregateId,
      OperationTracker progress)
      throws SQLException {
    int serving = reconcile(projection, registry);
    try (Connection connection = eventStore.get().getConnection()) {
      long head = EventStoreBatches.head(connection);
      progress.begin(serving, serving, 0, head);
      try (RebuildableProjection.Exclusive exclusive = projection.exclusive()) {
        // Read under the hold: every event of the aggregate committed before it is included, and
        // the live projector applies later ones on top, guarded by the sequence.
        List<ProjectedEvent> events =
            batches(projection).aggregate(connection, aggregateId, projection::uses);
        exclusive.forget(aggregateId, serving);
        exclusive.applyAll(events, serving);
        exclusive.commit();
        progress.read(events, head, events.size());
      }
      progress.message(
          aggregateId + " rebuilt in place in generation " + serving + " from its events");
    }
  }

  private void rollback(
      RebuildableProjection projection, GenerationRegistry registry, OperationTracker progress)
      throws SQLException {
    String name = projection.name();
    int active = reconcile(projection, registry);
    GenerationReport previous =
        previous(projection, registry)
            .orElseThrow(() -> new IllegalStateException(name + " keeps no retired generation"));
    int target = previous.generation();
    try (Connection connection = eventStore.get().getConnection()) {
      long head = EventStoreBatches.head(connection);
      progress.begin(target, active, previous.checkpoint(), head);
      EventStoreBatches.Cursor cursor =
          batches(projection).after(previous.checkpoint(), projection::uses);
      replay.toHead(
          connection,
          cursor,
          Replay.perBatch(events -> projection.applyAll(events, target)),
          progress::read,
          at -> {},
          0);
      progress.phase("switching", EventStoreBatches.head(connection));
      long switchedAt = switchTo(projection, connection, cursor.checkpoint(), target, progress);
      registry.switched(name, active, head, target, switchedAt);
      progress.message(
          "generation "
              + target
              + " serves "
              + name
              + " again; generation "
              + active
              + " kept (retired) until prune");
    }
  }

  /**
   * Applies a batch, split by aggregate over the writers when the projection's aggregates are
   * independent: each aggregate's events stay in order on one writer.
   */
  private void applyInParallel(RebuildableProjection projection, List<ProjectedEvent> events, int g)
      throws SQLException {
    if (writers <= 1 || !projection.independentAggregates() || events.size() < 2 * writers) {
      projection.applyAll(events, g);
      return;
    }
    List<List<ProjectedEvent>> parts = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      parts.add(new ArrayList<>());
    }
    for (ProjectedEvent event : events) {
      parts.get(Math.floorMod(event.aggregateId().hashCode(), writers)).add(event);
    }
    List<java.util.concurrent.CompletableFuture<Void>> running = new ArrayList<>();
    for (List<ProjectedEvent> part : parts.subList(1, parts.size())) {
      running.add(
          java.util.concurrent.CompletableFuture.runAsync(
              () -> projection.applyAll(part, g), writerPool()));
    }
    projection.applyAll(parts.get(0), g);
    try {
      java.util.concurrent.CompletableFuture.allOf(
              running.toArray(java.util.concurrent.CompletableFuture[]::new))
          .join();
    } catch (java.util.concurrent.CompletionException failed) {
      throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
    }
  }

  private synchronized java.util.concurrent.ExecutorService writerPool() {
    if (writerPool == null) {
      writerPool =
          java.util.concurrent.Executors.newFixedThreadPool(
              writers - 1,
              runnable -> {
                Thread thread = new Thread(runnable, "rebuild-writer");
                thread.setDaemon(true);
                return thread;
              });
    }
    return writerPool;
  }

  // ---------------------------------------------------------------- helpers

  private RebuildProgress plan(
      RebuildableProjection projection, GenerationRegistry registry, RebuildRequest request)
      throws SQLException {
    int serving = reconcile(projection, registry);
    Optional<GenerationReport> building = registry.building(projection);
    long head;
    try (Connection connection = eventStore.get().getConnection()) {
      head = EventStoreBatches.head(connection);
    }
    String message;
    int target;
    long start;
    if (request.aggregateId() != null) {
      target = serving;
      start = 0;
      message =
          "would rebuild aggregate "
              + request.aggregateId()
              + " in place in "
              + projection.location(serving);
    } else {
      target =
          building.map(GenerationReport::generation).orElseGet(() -> next(projection, registry));
      start =
          request.fromPosition() != null
              ? request.fromPosition() - 1
              : building.map(GenerationReport::checkpoint).orElse(0L);
      message =
          (building.isPresent() ? "would resume generation " : "would build generation ")
              + target
              + " ("
              + projection.location(target)
              + ") from the events after "
              + start
              + " up to the head "
              + head
              + ", then switch from generation "
              + serving
              + " ("
              + projection.location(serving)
              + ")";
    }
    Instant now = clock.instant();
    return new RebuildProgress(
        projection.name(),
        request.aggregateId() != null ? "rebuild-aggregate" : "rebuild",
        target,
        serving,
        "planned",
        start,
        head,
        start,
        0,
        0,
        now,
        now,
        holder("dry-run"),
        message);
  }

  private ProjectionGenerations generations(RebuildableProjection projection) throws SQLException {
    GenerationRegistry registry = registry();
    List<GenerationReport> generations = registry.generations(projection);
    int active =
        generations.stream()
            .filter(g -> g.state().equals(GenerationRegistry.ACTIVE))
            .mapToInt(GenerationReport::generation)
            .findFirst()
            .orElse(1);
    AtomicReference<RebuildProgress> operation = operations.get(projection.name());
    return new ProjectionGenerations(
        projection.name(),
        projection.store().apiName(),
        service,
        active,
        generations,
        operation == null ? null : operation.get());
  }

  /**
   * The store's serving generation, made the registry's active one: after a crash between a store's
   * switch and the registry's record, the store is right.
   */
  private int reconcile(RebuildableProjection projection, GenerationRegistry registry)
      throws SQLException {
    int serving = projection.servingGeneration();
    List<GenerationReport> generations = registry.generations(projection);
    for (GenerationReport generation : generations) {
      if (generation.state().equals(GenerationRegistry.ACTIVE)
          && generation.generation() != serving) {
        registry.record(
            projection.name(),
            generation.generation(),
            GenerationRegistry.RETIRED,
            generation.checkpoint(),
            0);
      }
    }
    GenerationReport current =
        generations.stream().filter(g -> g.generation() == serving).findFirst().orElse(null);
    if (current == null || !current.state().equals(GenerationRegistry.ACTIVE)) {
      registry.record(
          projection.name(),
          serving,
          GenerationRegistry.ACTIVE,
          current == null ? 0 : current.checkpoint(),
          0);
    }
    return serving;
  }

  private static Optional<GenerationReport> previous(
      RebuildableProjection projection, GenerationRegistry registry) throws SQLException {
    return registry.generations(projection).stream()
        .filter(g -> g.state().equals(GenerationRegistry.RETIRED))
        .max(
            Comparator.comparing(
                    (GenerationReport g) -> g.switchedAt() == null ? Instant.EPOCH : g.switchedAt())
                .thenComparingInt(GenerationReport::generation));
  }

  private static int next(RebuildableProjection projection, GenerationRegistry registry) {
    try {
      return Math.max(
              projection.servingGeneration(),
              registry.generations(projection).stream()
                  .mapToInt(GenerationReport::generation)
                  .max()
                  .orElse(1))
          + 1;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private RebuildableProjection projection(String name) {
    return projections.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new UnknownProjectionException(name));
  }

  private GenerationRegistry registry() throws SQLException {
    if (!eventStore.isResolvable()) {
      throw new IllegalStateException("this service has no event store datasource");
    }
    GenerationRegistry registry = new GenerationRegistry(eventStore.get());
    if (!migrated) {
      registry.migrate();
      migrated = true;
    }
    return registry;
  }

  private EventStoreBatches batches(RebuildableProjection projection) {
    EventStoreBatches reader =
        new EventStoreBatches(
            EventCodec.standard(), EventCodec.newObjectMapper(), gapTimeout, clock);
    return projection.usesMetadata() ? reader : reader.withoutMetadata();
  }

  private String holder(String operation) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return operation
        + " by "
        + service
        + " on "
        + host
        + " (pid "
        + ProcessHandle.current().pid()
        + ")";
  }
}
