package io.fourfold.eventing.projection;

/**
 * Thrown by a projector for an event it can never apply (as opposed to a store that is down for a
 * while): the runtime sends that event to the dead-letter topic and goes on with the stream.
 */
public class PoisonEventException extends RuntimeException {

  public PoisonEventException(String message) {
    super(message);
  }

  public PoisonEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
