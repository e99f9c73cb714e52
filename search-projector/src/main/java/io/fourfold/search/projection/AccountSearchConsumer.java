package io.fourfold.search.projection;

import io.fourfold.eventing.projection.ProjectionRuntime;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the account search projection from its own consumer group on the event topic, a poll's
 * records at a time ({@code batch=true}), so one bulk request applies many events.
 */
@ApplicationScoped
public class AccountSearchConsumer {

  private final ProjectionRuntime runtime;
  private final AccountSearchProjector projector;

  public AccountSearchConsumer(ProjectionRuntime runtime, AccountSearchProjector projector) {
    this.runtime = runtime;
    this.projector = projector;
  }

  @Incoming(AccountSearchProjector.NAME)
  public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
    return runtime.handleBatch(projector, records);
  }
}
