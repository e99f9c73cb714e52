package io.fourfold.search.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Map;

/**
 * The two orders a search pages through, each ending on the account id so that every hit has a
 * distinct position and {@code search_after} neither skips nor repeats.
 */
public enum SearchOrder {
  /** With text: best match (a score fixed per document, see AccountSearch) first, then newest. */
  RELEVANCE("r"),
  /** Without text: newest first, then account id; accounts registered while paging come first. */
  NEWEST("n");

  private final String code;

  SearchOrder(String code) {
    this.code = code;
  }

  String code() {
    return code;
  }

  /** The {@code sort} of the search request. */
  List<Map<String, Object>> sort() {
    Map<String, Object> newest = Map.of("registeredAt", "desc");
    Map<String, Object> byId = Map.of("accountId", "asc");
    return this == NEWEST ? List.of(newest, byId) : List.of(Map.of("_score", "desc"), newest, byId);
  }

  /** Whether the values can be the sort values of a hit in this order. */
  boolean accepts(ArrayNode values) {
    int size = this == NEWEST ? 2 : 3;
    if (values.size() != size) {
      return false;
    }
    for (int i = 0; i < size - 1; i++) {
      JsonNode value = values.get(i);
      if (!value.isNumber()) {
        return false;
      }
    }
    return values.get(size - 1).isTextual();
  }
}
