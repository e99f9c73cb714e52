package io.fourfold.eventing.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.fourfold.eventing.store.CommandsOverloadedException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become answers: every error leaves a Fourfold service as
 * problem+json, and nothing but a deliberate 5xx ever reveals that something broke inside.
 */
public class ProblemExceptionMappers {

  private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return respond(e.problem(), uri);
  }

  @ServerExceptionMapper
  public Response overloaded(CommandsOverloadedException e, UriInfo uri) {
    Problem problem = Problem.of("overloaded", 503, "Service overloaded", e.getMessage());
    return Response.fromResponse(respond(problem, uri)).header("Retry-After", "1").build();
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    if (status.getStatusCode() >= 500) {
      LOG.errorf(e, "%s failed", uri.getPath());
    }
    String detail = status.getStatusCode() >= 500 ? null : e.getMessage();
    return respond(Problem.ofStatus(status.getStatusCode(), status.getReasonPhrase(), detail), uri);
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
    return respond(malformedBody(e), uri);
  }

  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
    return respond(malformedBody(e), uri);
  }

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e, UriInfo uri) {
    return violations(e, uri);
  }

  @ServerExceptionMapper
  public Response invalidRequest(ResteasyReactiveViolationException e, UriInfo uri) {
    return violations(e, uri);
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    return internalError(e, uri);
  }

  private static Response violations(ConstraintViolationException e, UriInfo uri) {
    if (e.getConstraintViolations().stream().anyMatch(ProblemExceptionMappers::isReturnValue)) {
      // The service broke its own contract, not the client: a 500, logged.
      return internalError(e, uri);
    }
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(fieldName(v.getPropertyPath()), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    Problem problem =
        Problem.of("validation", 400, "Invalid request", "One or more fields are invalid.")
            .withErrors(errors);
    return respond(problem, uri);
  }

  private static Response internalError(Throwable e, UriInfo uri) {
    LOG.errorf(e, "%s failed", uri.getPath());
    return respond(
        Problem.ofStatus(500, "Internal Server Error", "The request could not be completed."), uri);
  }

  private static Problem malformedBody(JsonProcessingException e) {
    Problem problem =
        Problem.of(
            "malformed-body",
            400,
            "Malformed request body",
            "The body is not the JSON this endpoint expects.");
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      return problem.withErrors(List.of(new Problem.FieldError(field, "has the wrong type")));
    }
    return problem;
  }

  private static boolean isReturnValue(ConstraintViolation<?> violation) {
    return StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
        .anyMatch(node -> node.getKind() == ElementKind.RETURN_VALUE);
  }

  /** The field as a client named it: the path without the method and parameter names. */
  private static String fieldName(Path path) {
    List<String> names =
        StreamSupport.stream(path.spliterator(), false)
            .filter(n -> n.getKind() == ElementKind.PROPERTY)
            .map(Path.Node::getName)
            .toList();
    if (!names.isEmpty()) {
      return String.join(".", names);
    }
    String last = null;
    for (Path.Node node : path) {
      last = node.getName();
    }
    return last;
  }

  /** The answer carrying {@code problem}, located at the request path. */
  public static Response respond(Problem problem, UriInfo uri) {
    Problem located = problem.instance() == null ? problem.at(uri.getPath()) : problem;
    return Response.status(located.status()).type(Problem.MEDIA_TYPE).entity(located).build();
  }
}
