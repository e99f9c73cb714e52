package io.fourfold.search.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the next page of a search starts: the sort values of the last hit, handed to {@code
 * search_after}. Opaque to clients (base64url of {@code {"k": order, "a": values}}); it records
 * which order it belongs to, so a cursor of a text search is not used to page a listing.
 *
 * @param order the order of the search that issued it
 * @param after the last hit's sort values, as the search answered them
 */
public record SearchCursor(SearchOrder order, ArrayNode after) {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** The opaque form. */
  public String encode(ObjectMapper json) {
    ObjectNode plain = json.createObjectNode();
    plain.put("k", order.code());
    plain.set("a", after);
    try {
      return ENCODER.encodeToString(json.writeValueAsBytes(plain));
    } catch (IOException e) {
      throw new IllegalStateException("a cursor always serialises", e);
    }
  }

  /**
   * Reads a cursor a search of this order issued.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static SearchCursor decode(String value, SearchOrder order, ObjectMapper json) {
    JsonNode plain;
    try {
      plain = json.readTree(new String(DECODER.decode(value.trim()), StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("is not a cursor this search issued");
    }
    if (plain == null || !order.code().equals(plain.path("k").asText(null))) {
      throw new IllegalArgumentException("belongs to another kind of search (with or without q)");
    }
    JsonNode after = plain.path("a");
    if (!after.isArray() || !order.accepts((ArrayNode) after)) {
      throw new IllegalArgumentException("is not a cursor this search issued");
    }
    return new SearchCursor(order, (ArrayNode) after);
  }
}
