package io.fourfold.eventing.store;

import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.http.RequestIdFilters;
import io.fourfold.schema.EventMetadata;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * Who and what caused the commands sent by a piece of work (the actor, their session, the request
 * and its W3C trace context): attached as metadata to every command dispatched on this thread
 * meanwhile, and from there to the events, so a projection knows the cause of what it applies and a
 * trace follows the change from the HTTP request into every store.
 *
 * <p>{@link #capture} reads the request's context on the request's thread; {@link #run} may then
 * run the work on another thread (a group-commit worker) with that context.
 */
public final class CommandContext {

  private static final ThreadLocal<Map<String, String>> CURRENT = new ThreadLocal<>();

  private final Map<String, String> metadata;

  private CommandContext(Map<String, String> metadata) {
    this.metadata = Map.copyOf(metadata);
  }

  /** Runs {@code work} here with the caller as the cause of its commands. */
  public static <T> T callAs(Caller caller, Supplier<T> work) {
    return capture(caller).run(work);
  }

  /** The context of the current request (request id and trace context from the log MDC). */
  public static CommandContext capture(Caller caller) {
    Map<String, String> metadata = new HashMap<>();
    if (caller != null) {
      metadata.put(EventMetadata.ACTOR, caller.accountId());
      if (caller.sessionId() != null) {
        metadata.put(EventMetadata.SESSION_ID, caller.sessionId());
      }
    }
    copyFromMdc(RequestIdFilters.MDC_REQUEST_ID, EventMetadata.REQUEST_ID, metadata);
    copyFromMdc(RequestIdFilters.MDC_TRACEPARENT, EventMetadata.TRACEPARENT, metadata);
    copyFromMdc(RequestIdFilters.MDC_TRACESTATE, EventMetadata.TRACESTATE, metadata);
    return new CommandContext(metadata);
  }

  /** Runs {@code work} on this thread with this context as the cause of its commands. */
  public <T> T run(Supplier<T> work) {
    Map<String, String> outer = CURRENT.get();
    CURRENT.set(metadata);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** The metadata of the current work, empty outside {@link #run}. */
  static Map<String, String> current() {
    Map<String, String> metadata = CURRENT.get();
    return metadata == null ? Map.of() : metadata;
  }

  private static void copyFromMdc(String mdcKey, String metadataKey, Map<String, String> into) {
    Object value = MDC.get(mdcKey);
    if (value != null) {
      into.put(metadataKey, value.toString());
    }
  }
}
