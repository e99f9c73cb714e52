package io.fourfold.eventing.projection.generation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.EventMetadata;
import io.fourfold.schema.codec.EventCodec;
import io.fourfold.schema.codec.IsoInstants;
import io.fourfold.schema.codec.RegisteredEventType;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads the event store in large batches ordered by global index, decoded and upcast as the live
 * projectors receive them.
 *
 * <p>A global index is taken when an event is appended but becomes visible only when its
 * transaction commits, so a reader can see index 101 while 100 is still in flight: a gap. A cursor
 * remembers young gaps and asks for them again on every later read, until they appear or are older
 * than the gap timeout (a rolled-back append leaves a gap for ever), as Axon's gap-aware tracking
 * token does. Its {@link Cursor#checkpoint()} never passes an open gap, so a resumed rebuild reads
 * again from before it; applying twice is harmless, every projection's apply is idempotent.
 */
final class EventStoreBatches {

  private static final String FROM = " FROM domainevententry ";
  private static final String RANGE =
      "WHERE globalindex > ? AND globalindex <= ? ORDER BY globalindex LIMIT ?";
  private static final String GAPS = "WHERE globalindex = ANY(?) ORDER BY globalindex";
  private static final String AGGREGATE = "WHERE aggregateidentifier = ? ORDER BY sequencenumber";
  private static final int MAX_TRACKED_GAPS = 10_000;
  private static final int PARALLEL_DECODE_ROWS = 1_000;
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final EventCodec codec;
  private final ObjectMapper json;
  private final Duration gapTimeout;
  private final Clock clock;
  private final boolean skipMetadata;

  EventStoreBatches(EventCodec codec, ObjectMapper json, Duration gapTimeout, Clock clock) {
    this(codec, json, gapTimeout, clock, false);
  }

  private EventStoreBatches(
      EventCodec codec, ObjectMapper json, Duration gapTimeout, Clock clock, boolean skipMetadata) {
    this.codec = codec;
    this.json = json;
    this.gapTimeout = gapTimeout;
    this.clock = clock;
    this.skipMetadata = skipMetadata;
  }

  /** The highest global index committed now; 0 for an empty store. */
  static long head(Connection connection) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT coalesce(max(globalindex), 0) FROM domainevententry");
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A cursor reading every event after {@code position}, of the types the filter accepts. */
  Cursor after(long position, Predicate<String> uses) {
    return new Cursor(position, uses);
  }

  /** The same reader, leaving events' metadata empty (for projections that never read it). */
  EventStoreBatches withoutMetadata() {
    return new EventStoreBatches(codec, json, gapTimeout, clock, true);
  }

  /**
   * The columns to select: every row is read (its global index tells gaps apart), but the payload
   * of a type the projection does not use, and metadata it never reads, are left on the server.
   * Names the codec does not know (renamed types an upcaster maps) are always read; registered
   * names are checked against a pattern without quotes, so they are safe to inline.
   */
  private String select(Predicate<String> uses) {
    List<String> unused =
        codec.types().all().stream().map(RegisteredEventType::name).filter(uses.negate()).toList();
    String payload =
        unused.isEmpty()
            ? "payload"
            : "CASE WHEN payloadtype IN ("
                + unused.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "))
                + ") THEN NULL ELSE payload END";
    return "SELECT globalindex, aggregateidentifier, sequencenumber, eventidentifier, payloadtype,"
        + " payloadrevision, "
        + payload
        + ", "
        + (skipMetadata ? "NULL::bytea" : "metadata")
        + ", timestamp"
        + FROM;
  }

  /** Every event of one aggregate, in its order. */
  List<ProjectedEvent> aggregate(Connection connection, String aggregateId, Predicate<String> uses)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(select(uses) + AGGREGATE)) {
      statement.setString(1, aggregateId);
      List<ProjectedEvent> events = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          if (uses.test(rs.getString(5))) {
            events.add(decode(rs));
          }
        }
      }
      return events;
    }
  }

  /** Reads forward from a position, remembering gaps. Not thread-safe: one reader owns it. */
  final class Cursor {

    private final Predicate<String> uses;
    private final String range;
    private final String gapsRead;
    private final TreeMap<Long, Instant> gaps = new TreeMap<>();
    private long position;
    private long read;

    private Cursor(long position, Predicate<String> uses) {
      this.position = position;
      this.uses = uses;
      String select = select(uses);
      this.range = select + RANGE;
      this.gapsRead = select + GAPS;
    }

    /** The highest global index read. */
    long position() {
      return position;
    }

    /** Rows read so far, used or not. */
    long read() {
      return read;
    }

    /** Where a new reader must start to miss nothing: before the oldest open gap. */
    long checkpoint() {
      return gaps.isEmpty() ? position : Math.min(position, gaps.firstKey() - 1);
    }

    /**
     * The next batch: events that filled a remembered gap, then up to {@code limit} events after
     * the position. An empty answer with {@link #position()} unchanged means the reader is at the
     * head.
     */
    List<ProjectedEvent> next(Connection connection, int limit) throws SQLException {
      Instant now = clock.instant();
      gaps.values().removeIf(seen -> seen.plus(gapTimeout).isBefore(now));
      List<Stored> events = new ArrayList<>();
      if (!gaps.isEmpty()) {
        try (PreparedStatement statement = connection.prepareStatement(gapsRead)) {
          Array indexes = connection.createArrayOf("bigint", gaps.keySet().toArray());
          statement.setArray(1, indexes);
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              gaps.remove(rs.getLong(1));
              read++;
              if (uses.test(rs.getString(5))) {
                events.add(stored(rs));
              }
            }
          }
        }
      }
      try (PreparedStatement statement = connection.prepareStatement(range)) {
        statement.setFetchSize(Math.min(limit, 2_000));
        statement.setLong(1, position);
        statement.setLong(2, Long.MAX_VALUE);
        statement.setInt(3, limit);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            long index = rs.getLong(1);
            String type = rs.getString(5);
            if (index > position + 1) {
              remember(position + 1, index, IsoInstants.parse(rs.getString(9)), now);
            }
            position = index;
            read++;
            if (uses.test(type)) {
              events.add(stored(rs));
            }
          }
        }
      }
      return decodeAll(events);
    }

    /** Indexes skipped before {@code index} are gaps, worth waiting for only while young. */
    private void remember(long expected, long index, Instant timestamp, Instant now) {
      if (index <= expected || timestamp.plus(gapTimeout).isBefore(now)) {
        return;
      }
      for (long missing = expected; missing < index && gaps.size() < MAX_TRACKED_GAPS; missing++) {
        gaps.put(missing, now);
      }
    }
  }

  /** A row as stored, not decoded yet. */
  private record Stored(
      long index,
      String aggregateId,
      long sequence,
      String eventId,
      String type,
      String revision,
      byte[] payload,
      byte[] metadata,
      String timestamp) {}

  private Stored stored(ResultSet rs) throws SQLException {
    return new Stored(
        rs.getLong(1),
        rs.getString(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getBytes(7),
        rs.getBytes(8),
        rs.getString(9));
  }

  /**
   * Decodes rows in their order. A large batch is decoded on two threads (the caller and the common
   * pool): decoding JSON is most of a rebuild's reading, and the writer mostly waits for it.
   */
  private List<ProjectedEvent> decodeAll(List<Stored> rows) {
    if (rows.size() < PARALLEL_DECODE_ROWS) {
      return rows.stream().map(this::decode).toList();
    }
    return rows.parallelStream().map(this::decode).toList();
  }

  private ProjectedEvent decode(Stored row) {
    return new ProjectedEvent(
        codec.decode(
            row.type(),
            row.revision() == null ? 1 : Integer.parseInt(row.revision()),
            row.payload()),
        row.eventId(),
        row.aggregateId(),
        row.sequence(),
        row.index(),
        IsoInstants.parse(row.timestamp()),
        skipMetadata ? Map.of() : metadata(row.metadata()));
  }

  private ProjectedEvent decode(ResultSet rs) throws SQLException {
    return decode(stored(rs));
  }

  /** The metadata a projector sees from Kafka, named as the relay names its headers. */
  private Map<String, String> metadata(byte[] stored) {
    if (stored == null || stored.length == 0) {
      return Map.of();
    }
    Map<String, Object> axon;
    try {
      axon = json.readValue(stored, MAP);
    } catch (IOException unreadable) {
      return Map.of();
    }
    Map<String, String> metadata = new HashMap<>();
    // Axon's origin provider names the causing message "correlationId" and the first "traceId".
    put(metadata, EventMetadata.CAUSATION_ID, axon.get("correlationId"));
    put(metadata, EventMetadata.CORRELATION_ID, axon.get("traceId"));
    for (String key :
        List.of(
            EventMetadata.TRACEPARENT,
            EventMetadata.TRACESTATE,
            EventMetadata.ACTOR,
            EventMetadata.SESSION_ID)) {
      put(metadata, key, axon.get(key));
    }
    return Map.copyOf(metadata);
  }

  private static void put(Map<String, String> metadata, String key, Object value) {
    if (value != null) {
      metadata.put(key, value.toString());
    }
  }
}
