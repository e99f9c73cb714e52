package io.fourfold.search.document;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map keyed by ids as JSON {@code [[key, value], ...]} rather than {@code {key: value, ...}}, so
 * that the ids never become field names of the stored document. Documents written before in the
 * object shape are read too.
 */
final class IdKeyedMaps {

  private IdKeyedMaps() {}

  /** Writes the pairs in the map's order. */
  static final class Writer extends JsonSerializer<Map<String, ?>> {
    @Override
    public void serialize(Map<String, ?> map, JsonGenerator json, SerializerProvider provider)
        throws IOException {
      json.writeStartArray();
      for (Map.Entry<String, ?> entry : map.entrySet()) {
        json.writeStartArray();
        json.writeString(entry.getKey());
        provider.defaultSerializeValue(entry.getValue(), json);
        json.writeEndArray();
      }
      json.writeEndArray();
    }
  }

  /** Reads pairs, or an object (the shape of documents written before the pairs). */
  static final class Reader extends JsonDeserializer<Map<String, Object>>
      implements ContextualDeserializer {

    private final JavaType mapType;

    Reader() {
      this(null);
    }

    private Reader(JavaType mapType) {
      this.mapType = mapType;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext context, BeanProperty property) {
      return new Reader(property.getType());
    }

    @Override
    public Map<String, Object> deserialize(JsonParser json, DeserializationContext context)
        throws IOException {
      if (json.currentToken() == JsonToken.START_OBJECT) {
        return context.readValue(json, mapType);
      }
      if (json.currentToken() != JsonToken.START_ARRAY) {
        return context.reportInputMismatch(this, "expected [key, value] pairs for %s", mapType);
      }
      JavaType valueType = mapType.getContentType();
      Map<String, Object> map = new LinkedHashMap<>();
      while (json.nextToken() == JsonToken.START_ARRAY) {
        json.nextToken();
        String key = json.getValueAsString();
        json.nextToken();
        map.put(key, context.readValue(json, valueType));
        if (json.nextToken() != JsonToken.END_ARRAY) {
          return context.reportInputMismatch(this, "expected a [key, value] pair for %s", mapType);
        }
      }
      return map;
    }
  }
}
