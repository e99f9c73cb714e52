package io.fourfold.search.index;

import com.fasterxml.jackson.databind.JsonNode;

/** The Elasticsearch API answered with an error status, or could not be reached (status 0). */
public class SearchException extends RuntimeException {

  private final int status;
  private final transient JsonNode body;

  public SearchException(String message, int status, JsonNode body) {
    super(body == null || body.isNull() ? message : message + ": " + abbreviate(body.toString()));
    this.status = status;
    this.body = body;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  /** The error body, or null. */
  public JsonNode body() {
    return body;
  }

  /** The type of the error in the body ({@code resource_already_exists_exception}, ...), or "". */
  public String errorType() {
    return body == null ? "" : body.path("error").path("type").asText("");
  }

  private static String abbreviate(String text) {
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }
}
