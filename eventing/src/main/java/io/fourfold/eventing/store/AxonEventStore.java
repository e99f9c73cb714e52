package io.fourfold.eventing.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.relay.KafkaRelay;
import io.fourfold.schema.codec.EventTypes;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.jboss.logging.Logger;

/**
 * The event store of a command service: Axon's JDBC storage engine on PostgreSQL, the service's
 * aggregates (cached, snapshotted, routed by the commands of {@code event-schema}) and the relay
 * that publishes committed events to Kafka. Built by hand because no Axon extension for Quarkus
 * resolves here; started with the application, stopped with it.
 */
@Startup
@ApplicationScoped
@IfBuildProperty(name = "fourfold.event-store.enabled", stringValue = "true")
public class AxonEventStore {

  /** The name of the relay's tracking processor, and so of its token. */
  public static final String RELAY_PROCESSOR = "kafka-relay";

  private static final Logger LOG = Logger.getLogger(AxonEventStore.class);

  private final AgroalDataSource dataSource;
  private final jakarta.transaction.TransactionManager jta;
  private final Instance<AggregateRegistration> aggregates;
  private final Instance<KafkaRelay> relay;
  private final EventStoreConfig config;
  private final List<Cache> caches = new CopyOnWriteArrayList<>();
  private Configuration axon;

  public AxonEventStore(
      @DataSource("eventstore") AgroalDataSource dataSource,
      jakarta.transaction.TransactionManager jta,
      Instance<AggregateRegistration> aggregates,
      Instance<KafkaRelay> relay,
      EventStoreConfig config) {
    this.dataSource = dataSource;
    this.jta = jta;
    this.aggregates = aggregates;
    this.relay = relay;
    this.config = config;
  }

  @PostConstruct
  void start() {
    axon = configure().start();
    axon.commandBus()
        .registerDispatchInterceptor(
            commands -> (index, command) -> command.andMetaData(CommandContext.current()));
    LOG.infof(
        "Event store started: %d aggregate type(s), relay %s",
        aggregates.stream().count(), config.relay().enabled() ? "enabled" : "disabled");
  }

  /**
   * Stops Axon (the relay, the event store's reader) when shutdown begins, while the datasource is
   * still open; at bean destruction it would already be closed, and the reader would log a failed
   * read every fetch delay until the JVM ends.
   */
  void stop(@Observes ShutdownEvent shutdown) {
    if (axon != null) {
      axon.shutdown();
    }
  }

  /** Sends commands to the aggregates. */
  public CommandGateway commands() {
    return axon.commandGateway();
  }

  /** The event store itself, for reads by tools and tests. */
  public EventStore events() {
    return axon.eventStore();
  }

  /**
   * Axon's event store over the same tables, only to read them (no aggregates, no relay, no schema
   * creation): for Axon's own tracking processor in a service that runs no commands, as the replay
   * benchmark needs. The caller shuts it down.
   */
  public static EmbeddedEventStore readOnly(
      javax.sql.DataSource dataSource, int readBatchSize, Duration fetchDelay) {
    JacksonSerializer serializer = serializer();
    JdbcEventStorageEngine engine =
        JdbcEventStorageEngine.builder()
            .connectionProvider(new DataSourceConnectionProvider(dataSource))
            .transactionManager(NoTransactionManager.INSTANCE)
            .eventSerializer(serializer)
            .snapshotSerializer(serializer)
            .upcasterChain(new EventUpcasterChain(AxonUpcasters.standard()))
            .batchSize(readBatchSize)
            .build();
    return EmbeddedEventStore.builder()
        .storageEngine(engine)
        .fetchDelay(fetchDelay.toMillis())
        .build();
  }

  /** Axon's configuration, for what the two methods above do not cover. */
  public Configuration configuration() {
    return axon;
  }

  /** Drops every cached aggregate: the next command loads from the store (and its snapshot). */
  private void forgetCachedAggregates() {
    caches.forEach(Cache::removeAll);
  }

  private Configurer configure() {
    TransactionManager transactions =
        new JtaAxonTransactionManager(jta, this::forgetCachedAggregates);
    DataSourceConnectionProvider connections = new DataSourceConnectionProvider(dataSource);
    JacksonSerializer serializer = serializer();
    // false: load no ConfigurerModule from the classpath (no Axon Server, no update checker).
    Configurer configurer =
        DefaultConfigurer.defaultConfiguration(false)
            .configureSerializer(c -> serializer)
            .configureMessageSerializer(c -> serializer)
            .configureEventSerializer(c -> serializer)
            .configureTransactionManager(c -> transactions)
            .configureCorrelationDataProviders(c -> correlationDataProviders())
            .configureEventStore(
                c -> {
                  JdbcEventStorageEngine engine =
                      JdbcEventStorageEngine.builder()
                          .connectionProvider(connections)
                          .transactionManager(transactions)
                          .eventSerializer(serializer)
                          .snapshotSerializer(serializer)
                          .upcasterChain(c.upcasterChain())
                          .snapshotFilter(c.snapshotFilter())
                          .batchSize(config.readBatchSize())
                          .build();
                  if (config.createSchema()) {
                    SchemaCreation.inTurn(
                        dataSource,
                        "the event store's tables",
                        () -> engine.createSchema(PostgresEventTableFactory.INSTANCE));
                  }
                  // Axon wakes its readers when a unit of work commits, which may be before the
                  // JTA commit makes the events visible; a short poll bounds that extra delay.
                  return EmbeddedEventStore.builder()
                      .storageEngine(engine)
                      .messageMonitor(c.messageMonitor(EventStore.class, "eventStore"))
                      .fetchDelay(config.fetchDelay().toMillis())
                      .build();
                });
    AxonUpcasters.standard().forEach(upcaster -> configurer.registerEventUpcaster(c -> upcaster));
    aggregates.forEach(registration -> configurer.configureAggregate(aggregate(registration)));
    configureRelay(configurer, connections, serializer, transactions);
    return configurer;
  }

  private <A> AggregateConfigurer<A> aggregate(AggregateRegistration registration) {
    @SuppressWarnings("unchecked")
    Class<A> type = (Class<A>) registration.aggregateType();
    WeakReferenceCache cache = new WeakReferenceCache();
    caches.add(cache);
    return AggregateConfigurer.defaultConfiguration(type)
        .configureCache(c -> cache)
        .configureCommandTargetResolver(c -> new AggregateCommandTargetResolver())
        .configureSnapshotTrigger(
            c ->
                new EventCountSnapshotTriggerDefinition(
                    c.snapshotter(), config.snapshotThreshold()));
  }

  private void configureRelay(
      Configurer configurer,
      DataSourceConnectionProvider connections,
      JacksonSerializer serializer,
      TransactionManager transactions) {
    if (!config.relay().enabled() || !relay.isResolvable()) {
      return;
    }
    JdbcTokenStore tokens =
        JdbcTokenStore.builder()
            .connectionProvider(connections)
            .serializer(serializer)
            .nodeId(config.nodeId().orElseGet(() -> ManagementFactory.getRuntimeMXBean().getName()))
            .build();
    if (config.createSchema()) {
      SchemaCreation.inTurn(
          dataSource,
          "the token table",
          () -> tokens.createSchema(PostgresTokenTableFactory.INSTANCE));
    }
    configurer.eventProcessing(
        processing ->
            processing
                .registerTokenStore(RELAY_PROCESSOR, c -> tokens)
                .registerTransactionManager(RELAY_PROCESSOR, c -> transactions)
                .registerTrackingEventProcessor(
                    RELAY_PROCESSOR,
                    Configuration::eventStore,
                    c ->
                        TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                            .andBatchSize(config.relay().batchSize())
                            .andInitialTrackingToken(source -> source.createTailToken()))
                .registerEventHandler(c -> relay.get())
                .assignHandlerInstancesMatching(RELAY_PROCESSOR, KafkaRelay.class::isInstance));
  }

  private static List<org.axonframework.messaging.correlation.CorrelationDataProvider>
      correlationDataProviders() {
    return List.of(
        new MessageOriginProvider(),
        new SimpleCorrelationDataProvider(
            io.fourfold.schema.EventMetadata.TRACEPARENT,
            io.fourfold.schema.EventMetadata.TRACESTATE,
            io.fourfold.schema.EventMetadata.ACTOR,
            io.fourfold.schema.EventMetadata.REQUEST_ID,
            io.fourfold.schema.EventMetadata.SESSION_ID));
  }

  private static JacksonSerializer serializer() {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Snapshots serialize aggregates, whose state lives in private fields.
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    return new NamedEventSerializer(
        JacksonSerializer.builder().objectMapper(mapper), EventTypes.standard());
  }
}
