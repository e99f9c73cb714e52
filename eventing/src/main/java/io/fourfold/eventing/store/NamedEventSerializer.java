package io.fourfold.eventing.store;

import io.fourfold.schema.EventType;
import io.fourfold.schema.codec.EventTypes;
import io.fourfold.schema.codec.UnknownEventTypeException;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, storing events under their frozen type names and revisions from {@code
 * event-schema} ({@code account.registered}, revision 1) instead of Java class names, so a class
 * may move or be renamed without rewriting history.
 */
final class NamedEventSerializer extends JacksonSerializer {

  private final EventTypes eventTypes;

  NamedEventSerializer(Builder builder, EventTypes eventTypes) {
    super(builder);
    this.eventTypes = eventTypes;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public SerializedType typeForClass(Class type) {
    EventType eventType = type == null ? null : (EventType) type.getAnnotation(EventType.class);
    if (eventType != null) {
      return new SimpleSerializedType(eventType.name(), String.valueOf(eventType.revision()));
    }
    return super.typeForClass(type);
  }

  @Override
  protected String resolveClassName(SerializedType serializedType) {
    try {
      return eventTypes.byName(serializedType.getName()).eventClass().getName();
    } catch (UnknownEventTypeException notAnEvent) {
      // Tokens, snapshots and metadata are stored under their class names.
      return super.resolveClassName(serializedType);
    }
  }
}
