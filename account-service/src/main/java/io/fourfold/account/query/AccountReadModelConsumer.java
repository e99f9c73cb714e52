package io.fourfold.account.query;

import io.fourfold.eventing.projection.ProjectionRuntime;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the account read model from its own consumer group on the event topic. */
@ApplicationScoped
public class AccountReadModelConsumer {

  private final ProjectionRuntime runtime;
  private final AccountReadModelProjector projector;

  public AccountReadModelConsumer(ProjectionRuntime runtime, AccountReadModelProjector projector) {
    this.runtime = runtime;
    this.projector = projector;
  }

  @Incoming(AccountReadModelProjector.NAME)
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return runtime.handle(projector, record);
  }
}
