package io.fourfold.eventing.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer of every Fourfold service.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title a short human summary of the kind of problem
 * @param status the HTTP status code, repeated for clients that only see the body
 * @param detail what went wrong with this request, for a human
 * @param instance the request path the problem is about
 * @param errors the offending fields, for validation problems only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {

  /** The media type every problem is served with. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** One invalid field of a request: where it is and what is wrong with it. */
  public record FieldError(String field, String message) {}

  /** A problem whose type is fully described by its status code. */
  public static Problem ofStatus(int status, String title, String detail) {
    return new Problem("about:blank", title, status, detail, null, null);
  }

  /** A problem of a Fourfold-specific kind, named {@code urn:fourfold:problem:<slug>}. */
  public static Problem of(String slug, int status, String title, String detail) {
    return new Problem("urn:fourfold:problem:" + slug, title, status, detail, null, null);
  }

  /** This problem with the field errors that caused it. */
  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
  }

  /** This problem, located at the given request path. */
  public Problem at(String path) {
    return new Problem(type, title, status, detail, path, errors);
  }
}
