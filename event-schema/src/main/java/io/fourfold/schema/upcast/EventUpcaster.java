package io.fourfold.schema.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of schema evolution: rewrites the JSON of one event type from {@link #fromRevision()} to
 * the next revision. Framework-free, so the Axon side and the Kafka side adapt the same steps.
 */
public interface EventUpcaster {

  /** The {@code @EventType} name this step applies to. */
  String typeName();

  /** The revision this step reads; it writes {@code fromRevision() + 1}. */
  int fromRevision();

  /** Returns the JSON at the next revision; may modify and return {@code json} itself. */
  ObjectNode upcast(ObjectNode json);
}
