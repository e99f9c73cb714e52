package io.fourfold.schema.codec;

/**
 * Thrown for an event type name or class that {@link EventTypes} does not hold: usually an event
 * written by a newer producer, which an older consumer may choose to skip.
 */
public final class UnknownEventTypeException extends EventDecodingException {

  private static final long serialVersionUID = 1L;

  public UnknownEventTypeException(String message) {
    super(message);
  }
}
