package io.fourfold.account.query;

import io.fourfold.eventing.projection.ProjectionRuntime;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the account read model from its own consumer group on the event topic, a poll's records at
 * a time ({@code batch=true}), so one transaction applies many events.
 */
@ApplicationScoped
public class AccountReadModelConsumer {

  private final ProjectionRuntime runtime;
  private final AccountReadModelProjector projector;

  public AccountReadModelConsumer(ProjectionRuntime runtime, AccountReadModelProjector projector) {
    this.runtime = runtime;
    this.projector = projector;
  }

  @Incoming(AccountReadModelProjector.NAME)
  public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
    return runtime.handleBatch(projector, records);
  }
}
