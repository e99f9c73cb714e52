package io.fourfold.session.state;

import io.fourfold.eventing.projection.ProjectionRuntime;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the session state from its own consumer group on the event topic. */
@ApplicationScoped
public class SessionStateConsumer {

  private final ProjectionRuntime runtime;
  private final SessionStateProjector projector;

  public SessionStateConsumer(ProjectionRuntime runtime, SessionStateProjector projector) {
    this.runtime = runtime;
    this.projector = projector;
  }

  @Incoming(SessionStateProjector.NAME)
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return runtime.handle(projector, record);
  }
}
