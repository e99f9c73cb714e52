package io.fourfold.schema.codec;

/**
 * Thrown when stored or received bytes cannot become an event: malformed JSON, a value the event
 * rejects, or a revision newer than this schema knows. Consumers may park such a message.
 */
public class EventDecodingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EventDecodingException(String message) {
    super(message);
  }

  public EventDecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
