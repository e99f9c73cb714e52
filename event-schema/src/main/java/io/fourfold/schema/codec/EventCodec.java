package io.fourfold.schema.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.upcast.UpcasterChain;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/** Turns events into JSON bytes and back, upcasting older revisions on the way in. */
public final class EventCodec {

  private final ObjectMapper mapper = newObjectMapper();
  private final EventTypes types;
  private final UpcasterChain upcasters;

  public EventCodec(EventTypes types, UpcasterChain upcasters) {
    this.types = Objects.requireNonNull(types, "types");
    this.upcasters = Objects.requireNonNull(upcasters, "upcasters");
  }

  /**
   * The codec of every service: {@link EventTypes#standard()} and {@link UpcasterChain#standard()}.
   */
  public static EventCodec standard() {
    return new EventCodec(EventTypes.standard(), UpcasterChain.standard());
  }

  /**
   * A new mapper configured as the codec's own, for adapters (an Axon serializer, a Kafka
   * deserializer) that must read and write the same JSON.
   */
  public static ObjectMapper newObjectMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(
            new SimpleModule("fourfold-instants")
                .addDeserializer(Instant.class, new IsoInstants.Deserializer()))
        // Instants as ISO-8601 strings: readable in the store and in any language.
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        // A newer producer may add fields; an older consumer must keep working.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  /** The registry this codec reads names and revisions from. */
  public EventTypes types() {
    return types;
  }

  /**
   * @throws UnknownEventTypeException when the event's class is not registered
   */
  public byte[] encode(DomainEvent event) {
    RegisteredEventType type = types.byClass(event.getClass());
    try {
      return mapper.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + type.name(), e);
    }
  }

  /**
   * Reads an event written at {@code revision}, upcasting it first when that is older than current.
   *
   * @throws UnknownEventTypeException when no class has this name
   * @throws EventDecodingException when the bytes are not a valid event, or the revision is newer
   *     than this schema knows
   * @throws IllegalStateException when an upcaster needed to reach the current revision is missing
   */
  public DomainEvent decode(String typeName, int revision, byte[] json) {
    RegisteredEventType type = types.byName(typeName);
    if (revision > type.revision()) {
      throw new EventDecodingException(
          typeName
              + " revision "
              + revision
              + " is newer than revision "
              + type.revision()
              + " known to this event-schema; upgrade it");
    }
    try {
      if (revision == type.revision()) {
        return mapper.readValue(json, type.eventClass());
      }
      ObjectNode current = upcasters.upcast(typeName, revision, type.revision(), readObject(json));
      return mapper.treeToValue(current, type.eventClass());
    } catch (IOException e) {
      throw new EventDecodingException(
          "cannot decode " + typeName + " revision " + revision + ": " + e.getMessage(), e);
    }
  }

  private ObjectNode readObject(byte[] json) throws IOException {
    JsonNode node = mapper.readTree(json);
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw new EventDecodingException("an event must be a JSON object");
  }
}
