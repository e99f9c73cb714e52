package io.fourfold.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fourfold.schema.AggregateCommand;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's default configuration, the baseline: {@code DefaultConfigurer} with the JDBC storage
 * engine on a plain pool (autocommit, {@link NoTransactionManager}), no aggregate cache, no
 * snapshots, the simple command bus. Two things are set that Axon cannot default: the command
 * routing of {@code event-schema}'s commands (they carry their aggregate id as a method, not an
 * annotation) and a Jackson serializer (Axon would default to XStream, which is not on the
 * classpath; Jackson is what Fourfold uses too, so the comparison isolates caching, snapshots and
 * transactions).
 */
final class AxonDefaultStore implements AutoCloseable {

  private final Configuration axon;

  AxonDefaultStore(DataSource plainPool) {
    JacksonSerializer serializer =
        JacksonSerializer.builder()
            .objectMapper(
                new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
            .build();
    DataSourceConnectionProvider connections = new DataSourceConnectionProvider(plainPool);
    axon =
        DefaultConfigurer.defaultConfiguration(false)
            .configureSerializer(c -> serializer)
            .configureEmbeddedEventStore(
                c ->
                    JdbcEventStorageEngine.builder()
                        .connectionProvider(connections)
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .upcasterChain(c.upcasterChain())
                        .build())
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(BenchAccount.class)
                    .configureCommandTargetResolver(
                        c ->
                            command ->
                                command.getPayload() instanceof AggregateCommand target
                                    ? new VersionedAggregateIdentifier(
                                        target.aggregateId(), target.expectedVersion())
                                    : null))
            .start();
  }

  CommandGateway commands() {
    return axon.commandGateway();
  }

  EventStore events() {
    return axon.eventStore();
  }

  @Override
  public void close() {
    axon.shutdown();
  }
}
