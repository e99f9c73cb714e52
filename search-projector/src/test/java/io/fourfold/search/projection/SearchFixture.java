package io.fourfold.search.projection;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/** What search tests share: applying events, calling the endpoint as an admin, raw documents. */
public final class SearchFixture {

  private final AccountSearchProjector projector;
  private final RestClient elasticsearch;
  private final String alias;
  private final ObjectMapper json = new ObjectMapper();

  public SearchFixture(AccountSearchProjector projector, RestClient elasticsearch, String alias) {
    this.projector = projector;
    this.elasticsearch = elasticsearch;
    this.alias = alias;
  }

  /** Applies the events in one batch, as one poll of the consumer would. */
  public void apply(List<ProjectedEvent> events) {
    projector.applyAll(events).await().atMost(Duration.ofSeconds(30));
  }

  /** GET /api/v1/search/accounts as an admin, expecting 200. */
  public ValidatableResponse search(Map<String, ?> parameters) {
    return given()
        .header(Caller.ACCOUNT_ID, "admin-of-the-tests")
        .header(Caller.ROLE, "admin")
        .queryParams(parameters)
        .get("/api/v1/search/accounts")
        .then()
        .statusCode(200);
  }

  /** The ids of the hits of a search. */
  public List<String> ids(Map<String, ?> parameters) {
    return search(parameters).extract().jsonPath().getList("hits.id", String.class);
  }

  /** The stored document (source, sequence number) of an account, or null. */
  public JsonNode raw(String accountId) {
    try {
      Response response =
          elasticsearch.performRequest(new Request("GET", "/" + alias + "/_doc/" + accountId));
      return json.readTree(response.getEntity().getContent());
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return null;
      }
      throw new UncheckedIOException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
