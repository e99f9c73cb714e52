package io.fourfold.eventing.store;

import io.fourfold.eventing.http.Caller;
import io.fourfold.schema.EventMetadata;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * Who and what caused the commands sent by a piece of work (the actor, their session, the request):
 * attached as metadata to every command dispatched on this thread meanwhile, and from there to the
 * events, so a projection knows the cause of what it applies.
 */
public final class CommandContext {

  private static final ThreadLocal<Map<String, String>> CURRENT = new ThreadLocal<>();

  private CommandContext() {}

  /** Runs {@code work} with the caller as the cause of its commands. */
  public static <T> T callAs(Caller caller, Supplier<T> work) {
    Map<String, String> metadata = new HashMap<>();
    if (caller != null) {
      metadata.put(EventMetadata.ACTOR, caller.accountId());
      if (caller.sessionId() != null) {
        metadata.put(EventMetadata.SESSION_ID, caller.sessionId());
      }
    }
    Object requestId = MDC.get("requestId");
    if (requestId != null) {
      metadata.put(EventMetadata.REQUEST_ID, requestId.toString());
    }
    Map<String, String> outer = CURRENT.get();
    CURRENT.set(Map.copyOf(metadata));
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

  /** The metadata of the current work, empty outside {@link #callAs}. */
  static Map<String, String> current() {
    Map<String, String> metadata = CURRENT.get();
    return metadata == null ? Map.of() : metadata;
  }
}
