package io.fourfold.schema;

/**
 * Keys of the metadata stored beside every event (Axon metadata), so all services agree on them.
 */
public final class EventMetadata {

  /** The id shared by every message caused, directly or not, by one outside request. */
  public static final String CORRELATION_ID = "correlationId";

  /** The id of the message (command or event) that directly caused this one. */
  public static final String CAUSATION_ID = "causationId";

  /** W3C trace context, so a trace follows a change from the gateway into every projector. */
  public static final String TRACEPARENT = "traceparent";

  /** W3C trace state that travels with {@link #TRACEPARENT}. */
  public static final String TRACESTATE = "tracestate";

  /** Who caused the event: an account id, or {@link #SYSTEM_ACTOR}. */
  public static final String ACTOR = "actor";

  /**
   * The {@link #ACTOR} of events no account asked for (schedules, migrations, operators' tools).
   */
  public static final String SYSTEM_ACTOR = "system";

  /** The id the gateway gave the HTTP request that sent the command. */
  public static final String REQUEST_ID = "requestId";

  /** The session whose request caused the event, so a projection can spare it (password change). */
  public static final String SESSION_ID = "sessionId";

  private EventMetadata() {}
}
