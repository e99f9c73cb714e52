package io.fourfold.billing.readmodel;

import io.fourfold.eventing.projection.ProjectionRuntime;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the billing read model from its own consumer group on the event topic. */
@ApplicationScoped
public class BillingReadModelConsumer {

  private final ProjectionRuntime runtime;
  private final BillingReadModelProjector projector;

  public BillingReadModelConsumer(ProjectionRuntime runtime, BillingReadModelProjector projector) {
    this.runtime = runtime;
    this.projector = projector;
  }

  @Incoming(BillingReadModelProjector.NAME)
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return runtime.handle(projector, record);
  }
}
