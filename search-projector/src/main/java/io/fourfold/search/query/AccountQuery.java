package io.fourfold.search.query;

/**
 * A validated account search.
 *
 * @param text the words to look for in names and e-mail addresses, or null to list
 * @param status only accounts with this status, or null
 * @param plan only accounts on this plan, or null
 * @param limit the page size
 * @param cursor where the page starts, or null for the first page
 */
public record AccountQuery(
    String text, String status, String plan, int limit, SearchCursor cursor) {

  /** The order this search pages in. */
  public SearchOrder order() {
    return text == null ? SearchOrder.NEWEST : SearchOrder.RELEVANCE;
  }
}
