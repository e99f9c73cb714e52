package io.fourfold.search.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

/**
 * The Elasticsearch API through the low-level client only, without blocking: plain REST calls that
 * Elasticsearch 8 and OpenSearch 2 both accept, with JSON through Jackson. An answer resumes on the
 * caller's Vert.x context (a projection's or a request's), not on the client's I/O thread.
 */
@ApplicationScoped
public class SearchClient {

  private final RestClient client;
  private final ObjectMapper json;

  public SearchClient(RestClient client, ObjectMapper json) {
    this.client = client;
    this.json = json;
  }

  /** A request with a JSON body. */
  public Request request(String method, String path, Object body) {
    Request request = new Request(method, path);
    if (body != null) {
      request.setEntity(entity(write(body), ContentType.APPLICATION_JSON));
    }
    return request;
  }

  /** A request with an NDJSON body ({@code _bulk}). */
  public Request ndjson(String method, String path, byte[] body) {
    Request request = new Request(method, path);
    request.setEntity(entity(body, ContentType.create("application/x-ndjson")));
    return request;
  }

  /**
   * Sends the request; answers its JSON body. A status of 400 or above fails with {@link
   * SearchException}, which carries the status.
   */
  public Uni<JsonNode> send(Request request) {
    Context caller = Vertx.currentContext();
    Uni<JsonNode> answer =
        Uni.createFrom()
            .emitter(
                emitter ->
                    client.performRequestAsync(
                        request,
                        new ResponseListener() {
                          @Override
                          public void onSuccess(Response response) {
                            try {
                              emitter.complete(body(response));
                            } catch (RuntimeException e) {
                              emitter.fail(e);
                            }
                          }

                          @Override
                          public void onFailure(Exception failure) {
                            emitter.fail(translate(request, failure));
                          }
                        }));
    return caller == null ? answer : answer.emitOn(task -> caller.runOnContext(v -> task.run()));
  }

  /** Serialises a value as JSON. */
  public byte[] write(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Jackson mapper used for documents. */
  public ObjectMapper json() {
    return json;
  }

  private JsonNode body(Response response) {
    try {
      return response.getEntity() == null
          ? json.nullNode()
          : json.readTree(response.getEntity().getContent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SearchException translate(Request request, Exception failure) {
    if (failure instanceof ResponseException answered) {
      int status = answered.getResponse().getStatusLine().getStatusCode();
      JsonNode body;
      try {
        body = body(answered.getResponse());
      } catch (RuntimeException unreadable) {
        body = json.nullNode();
      }
      return new SearchException(
          request.getMethod() + " " + request.getEndpoint() + " answered " + status, status, body);
    }
    return new SearchException(
        request.getMethod() + " " + request.getEndpoint() + " failed: " + failure, 0, null);
  }

  private static NByteArrayEntity entity(byte[] body, ContentType type) {
    return new NByteArrayEntity(body, type);
  }
}
