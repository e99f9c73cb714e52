package io.fourfold.blob.exports.projection;

import io.fourfold.eventing.projection.ProjectionRuntime;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds the exports projection from its own consumer group, a poll's records at a time. */
@ApplicationScoped
public class ExportConsumer {

  private final ProjectionRuntime runtime;
  private final ExportProjector projector;

  public ExportConsumer(ProjectionRuntime runtime, ExportProjector projector) {
    this.runtime = runtime;
    this.projector = projector;
  }

  @Incoming(ExportProjector.NAME)
  public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
    return runtime.handleBatch(projector, records);
  }
}
