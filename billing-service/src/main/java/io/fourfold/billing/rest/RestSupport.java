package io.fourfold.billing.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.eventing.http.BlockingWork;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import io.fourfold.eventing.idempotency.StoredAnswer;
import io.fourfold.eventing.projection.ConsistencyFilters;
import io.fourfold.eventing.store.CommandContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** What the billing resources share: running commands off the event loop, JSON, ids, problems. */
@ApplicationScoped
public class RestSupport {

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final BlockingWork blocking;
  private final ObjectMapper objectMapper;

  public RestSupport(BlockingWork blocking, ObjectMapper objectMapper) {
    this.blocking = blocking;
    this.objectMapper = objectMapper;
  }

  /** Runs blocking work (the event store is JDBC) on a worker, with the caller as its cause. */
  public <T> Uni<T> blocking(Caller caller, Supplier<T> work) {
    return blocking.run(() -> CommandContext.callAs(caller, work));
  }

  /** The JSON of a value, as stored for idempotent replays and hashed as a request fingerprint. */
  public byte[] json(Object value) {
    try {
      return objectMapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** A created resource's answer, to store with its idempotency key. */
  public StoredAnswer created(String location, String token, Object body) {
    return new StoredAnswer(
        Response.Status.CREATED.getStatusCode(),
        location,
        token,
        new String(json(body), StandardCharsets.UTF_8));
  }

  /** The answer of a stored (first or replayed) request. */
  public static Response replay(StoredAnswer answer) {
    Response.ResponseBuilder response =
        Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body());
    if (answer.location() != null) {
      response.location(URI.create(answer.location()));
    }
    if (answer.consistencyToken() != null) {
      response.header(ConsistencyFilters.CONSISTENCY_TOKEN, answer.consistencyToken());
    }
    return response.build();
  }

  /** Ids are UUIDs: anything else names nothing (and must not reach the stores). */
  public static void requireUuid(String id, String what) {
    if (id == null || !UUID.matcher(id).matches()) {
      throw notFound(what);
    }
  }

  /** A 404 naming what was not found. */
  public static ProblemException notFound(String what) {
    return new ProblemException(Problem.ofStatus(404, "Not Found", "No such " + what + "."));
  }

  /** A 400 for one invalid field. */
  public static ProblemException invalid(String field, String message) {
    return new ProblemException(
        Problem.of("validation", 400, "Invalid request", field + " " + message)
            .withErrors(List.of(new Problem.FieldError(field, message))));
  }
}
