package io.fourfold.search.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of a search.
 *
 * @param hits the accounts found, in the search's order
 * @param next the cursor of the next page, or null on the last one
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AccountPage(List<AccountHit> hits, String next) {}
