package io.fourfold.blob.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.eventing.idempotency.StoredAnswer;
import io.fourfold.eventing.projection.ConsistencyFilters;
import io.fourfold.schema.consistency.ConsistencyToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Answers of commands, as stored with an idempotency key and sent (first time or replayed). */
@ApplicationScoped
public class Answers {

  private final ObjectMapper json;

  public Answers(ObjectMapper json) {
    this.json = json;
  }

  /** An answer naming the event it recorded, so a client can read its own write. */
  public StoredAnswer of(
      int status, String location, String aggregateId, long sequence, Object body) {
    try {
      return new StoredAnswer(
          status,
          location,
          new ConsistencyToken(aggregateId, sequence).encode(),
          json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + body.getClass().getSimpleName(), e);
    }
  }

  /** The HTTP response of a stored answer. */
  public static Response send(StoredAnswer answer) {
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

  /** The consistency token header of an event. */
  public static String token(String aggregateId, long sequence) {
    return new ConsistencyToken(aggregateId, sequence).encode();
  }
}
