package io.fourfold.search.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.Projector;
import io.fourfold.search.document.Sources;
import io.fourfold.search.index.AccountDocumentWriter;
import io.fourfold.search.index.AccountIndex;
import io.fourfold.search.index.SearchClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The account search projection: account, billing and blob events folded into one document per
 * account in the index behind the alias, a poll's events per bulk request.
 */
@ApplicationScoped
public class AccountSearchProjector implements Projector {

  /** The projection's name, its consumer group and the channel that feeds it. */
  public static final String NAME = "search-accounts";

  private final AccountIndex index;
  private final AccountDocumentWriter writer;
  private final SearchClient client;

  public AccountSearchProjector(
      AccountIndex index, AccountDocumentWriter writer, SearchClient client) {
    this.index = index;
    this.writer = writer;
    this.client = client;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProjectionStore store() {
    return ProjectionStore.ELASTICSEARCH;
  }

  @Override
  public Uni<Void> apply(ProjectedEvent event) {
    return applyAll(List.of(event));
  }

  @Override
  public Uni<Void> applyAll(List<ProjectedEvent> events) {
    return index.ensureAlias().flatMap(ready -> writer.applyAll(index.alias(), events));
  }

  /**
   * The sequence of the aggregate (account, subscription, invoice or blob) the searchable document
   * holds: read by a search, so it answers what searches see, not what is written but unrefreshed.
   */
  @Override
  public Uni<Long> appliedSequence(String aggregateId) {
    Map<String, Object> body =
        Map.of(
            "size", 1,
            "query", Map.of("term", Map.of("feeds", aggregateId)),
            "_source", List.of("sources.applied"));
    return index
        .ensureAlias()
        .flatMap(
            ready -> client.send(client.request("POST", "/" + index.alias() + "/_search", body)))
        .map(
            answer -> {
              JsonNode hits = answer.path("hits").path("hits");
              if (hits.isEmpty()) {
                return -1L;
              }
              JsonNode sources = hits.get(0).path("_source").path("sources");
              return readSources(sources).appliedSequence(aggregateId);
            });
  }

  private Sources readSources(JsonNode sources) {
    if (sources.isMissingNode()) {
      return Sources.EMPTY;
    }
    try {
      return client.json().treeToValue(sources, Sources.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable sources in a search document", e);
    }
  }
}
