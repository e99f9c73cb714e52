package io.fourfold.eventing.projection;

import io.fourfold.schema.EventHeaders;
import io.fourfold.schema.EventMetadata;
import io.fourfold.schema.codec.EventCodec;
import io.fourfold.schema.codec.IsoInstants;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Turns a record the relay published back into the event and its positions. */
@ApplicationScoped
public class KafkaEventDecoder {

  private static final List<String> METADATA =
      List.of(
          EventMetadata.CORRELATION_ID,
          EventMetadata.CAUSATION_ID,
          EventMetadata.TRACEPARENT,
          EventMetadata.TRACESTATE,
          EventMetadata.ACTOR,
          EventMetadata.SESSION_ID);

  private final EventCodec codec = EventCodec.standard();

  /**
   * Decodes one record.
   *
   * @throws IllegalArgumentException when a header is missing or the payload is not that event
   */
  public ProjectedEvent decode(ConsumerRecord<String, byte[]> record) {
    String type = required(record, EventHeaders.EVENT_TYPE);
    int revision = Integer.parseInt(required(record, EventHeaders.EVENT_REVISION));
    Map<String, String> metadata = new HashMap<>();
    for (String key : METADATA) {
      String value = header(record, key);
      if (value != null) {
        metadata.put(key, value);
      }
    }
    return new ProjectedEvent(
        codec.decode(type, revision, record.value()),
        required(record, EventHeaders.EVENT_ID),
        required(record, EventHeaders.AGGREGATE_ID),
        Long.parseLong(required(record, EventHeaders.AGGREGATE_SEQUENCE)),
        Long.parseLong(required(record, EventHeaders.GLOBAL_INDEX)),
        IsoInstants.parse(required(record, EventHeaders.OCCURRED_AT)),
        Map.copyOf(metadata));
  }

  private static String required(ConsumerRecord<String, byte[]> record, String key) {
    String value = header(record, key);
    if (value == null) {
      throw new IllegalArgumentException("the record has no " + key + " header");
    }
    return value;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String key) {
    Header header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
