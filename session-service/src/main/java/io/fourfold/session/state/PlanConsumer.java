package io.fourfold.session.state;

import io.fourfold.eventing.projection.ProjectionRuntime;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the plan projection from its own consumer group on the event topic. */
@ApplicationScoped
public class PlanConsumer {

  private final ProjectionRuntime runtime;
  private final PlanProjector projector;

  public PlanConsumer(ProjectionRuntime runtime, PlanProjector projector) {
    this.runtime = runtime;
    this.projector = projector;
  }

  @Incoming(PlanProjector.NAME)
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return runtime.handle(projector, record);
  }
}
