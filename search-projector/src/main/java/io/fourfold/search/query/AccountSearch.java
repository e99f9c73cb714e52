package io.fourfold.search.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fourfold.search.document.AccountDocument;
import io.fourfold.search.index.AccountIndex;
import io.fourfold.search.index.SearchClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches live account documents: text over names and e-mail addresses (typos forgiven, prefixes
 * and accents matched, by the analysers in {@code search/accounts-index.json}), filters on status
 * and plan, pages by {@code search_after}.
 */
@ApplicationScoped
public class AccountSearch {

  private static final List<String> FIELDS =
      List.of(
          "accountId",
          "email",
          "displayName",
          "status",
          "plan",
          "invoiceCount",
          "balanceMinor",
          "blobCount");

  private final SearchClient client;
  private final AccountIndex index;

  public AccountSearch(SearchClient client, AccountIndex index) {
    this.client = client;
    this.index = index;
  }

  public Uni<AccountPage> search(AccountQuery query) {
    Map<String, Object> body = new HashMap<>();
    // One more than the page: whether there is a next page is known without an empty last page.
    body.put("size", query.limit() + 1);
    body.put("track_total_hits", false);
    body.put("_source", FIELDS);
    body.put("query", query(query));
    body.put("sort", query.order().sort());
    if (query.cursor() != null) {
      body.put("search_after", query.cursor().after());
    }
    return index
        .ensureAlias()
        .flatMap(
            ready -> client.send(client.request("POST", "/" + index.alias() + "/_search", body)))
        .map(answer -> page(query, answer.path("hits").path("hits")));
  }

  private static Map<String, Object> query(AccountQuery query) {
    List<Object> filters = new ArrayList<>();
    filters.add(term("state", AccountDocument.LIVE));
    if (query.status() != null) {
      filters.add(term("status", query.status()));
    }
    if (query.plan() != null) {
      filters.add(term("plan", query.plan()));
    }
    Map<String, Object> bool = new HashMap<>();
    bool.put("filter", filters);
    if (query.text() != null) {
      bool.put("must", List.of(text(query.text())));
    }
    return Map.of("bool", bool);
  }

  /**
   * Whole words in the name, whole words in the e-mail address, word prefixes, then words with a
   * typo or two: each tier scores a fixed amount and a hit scores the sum of the tiers it matches
   * (all words must match within one field). Scores then depend on the document alone, never on
   * index statistics that every write shifts, so a cursor's score stays valid between pages.
   */
  private static Map<String, Object> text(String text) {
    List<Object> tiers =
        List.of(
            tier(8, words(text, List.of("displayName"), false)),
            tier(6, words(text, List.of("email"), false)),
            tier(4, words(text, List.of("displayName.prefix", "email.prefix"), false)),
            tier(1, words(text, List.of("displayName", "email"), true)));
    return Map.of("bool", Map.of("should", tiers, "minimum_should_match", 1));
  }

  private static Map<String, Object> tier(int score, Map<String, Object> query) {
    return Map.of("constant_score", Map.of("filter", query, "boost", score));
  }

  private static Map<String, Object> words(String text, List<String> fields, boolean fuzzy) {
    Map<String, Object> match = new HashMap<>();
    match.put("query", text);
    match.put("fields", fields);
    match.put("operator", "and");
    if (fuzzy) {
      match.put("fuzziness", "AUTO");
    }
    return Map.of("multi_match", match);
  }

  private static Map<String, Object> term(String field, String value) {
    return Map.of("term", Map.of(field, value));
  }

  private AccountPage page(AccountQuery query, JsonNode found) {
    List<AccountHit> hits = new ArrayList<>();
    for (int i = 0; i < Math.min(found.size(), query.limit()); i++) {
      hits.add(hit(found.get(i).path("_source")));
    }
    String next = null;
    if (found.size() > query.limit()) {
      ArrayNode after = (ArrayNode) found.get(query.limit() - 1).path("sort");
      next = new SearchCursor(query.order(), after).encode(client.json());
    }
    return new AccountPage(hits, next);
  }

  private static AccountHit hit(JsonNode source) {
    return new AccountHit(
        source.path("accountId").asText(),
        source.path("email").asText(null),
        source.path("displayName").asText(null),
        source.path("status").asText(null),
        source.path("plan").asText(null),
        source.path("invoiceCount").asLong(),
        source.path("balanceMinor").asLong(),
        source.path("blobCount").asLong());
  }
}
