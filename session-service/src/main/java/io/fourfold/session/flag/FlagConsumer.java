package io.fourfold.session.flag;

import io.fourfold.eventing.projection.ProjectionRuntime;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the flag projection from its own consumer group on the event topic. */
@ApplicationScoped
public class FlagConsumer {

  private final ProjectionRuntime runtime;
  private final FlagProjector projector;

  public FlagConsumer(ProjectionRuntime runtime, FlagProjector projector) {
    this.runtime = runtime;
    this.projector = projector;
  }

  @Incoming(FlagProjector.NAME)
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return runtime.handle(projector, record);
  }
}
