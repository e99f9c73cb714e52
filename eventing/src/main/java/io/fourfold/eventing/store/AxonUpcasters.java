package io.fourfold.eventing.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fourfold.schema.upcast.EventUpcaster;
import io.fourfold.schema.upcast.UpcasterChain;
import java.util.List;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Runs the framework-free upcasters of {@code event-schema} inside Axon, so old events are upcast
 * on every read of the event store (aggregate loads, the relay, rebuilds) and never rewritten.
 */
final class AxonUpcasters {

  private AxonUpcasters() {}

  /** The standard upcasters of {@code event-schema}, as Axon upcasters. */
  static List<SingleEventUpcaster> standard() {
    return UpcasterChain.standardUpcasters().stream().map(AxonUpcasters::adapt).toList();
  }

  static SingleEventUpcaster adapt(EventUpcaster step) {
    SimpleSerializedType from =
        new SimpleSerializedType(step.typeName(), String.valueOf(step.fromRevision()));
    SimpleSerializedType to =
        new SimpleSerializedType(step.typeName(), String.valueOf(step.fromRevision() + 1));
    return new SingleEventUpcaster() {
      @Override
      protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().equals(from);
      }

      @Override
      protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(to, ObjectNode.class, step::upcast);
      }
    };
  }
}
