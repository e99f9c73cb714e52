package io.fourfold.search.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import io.fourfold.search.config.SearchConfig;
import io.fourfold.search.query.AccountPage;
import io.fourfold.search.query.AccountQuery;
import io.fourfold.search.query.AccountSearch;
import io.fourfold.search.query.SearchCursor;
import io.fourfold.search.query.SearchOrder;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/search/accounts}: admins search accounts by name, e-mail, status and plan. */
@Path("/api/v1/search/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class AccountSearchResource {

  private static final int MAX_TEXT = 200;
  private static final int MAX_PLAN = 100;
  private static final Set<String> STATUSES = Set.of("active", "suspended");

  private final AccountSearch search;
  private final SearchConfig config;
  private final ObjectMapper json;

  public AccountSearchResource(AccountSearch search, SearchConfig config, ObjectMapper json) {
    this.search = search;
    this.config = config;
    this.json = json;
  }

  @GET
  @Operation(
      summary =
          "Accounts by name or e-mail (typos, prefixes and accents forgiven), status and plan,"
              + " a page at a time (admin)")
  @APIResponse(responseCode = "200", description = "A page of hits and the next page's cursor")
  @APIResponse(responseCode = "400", description = "A bad limit, cursor, status or q")
  @APIResponse(responseCode = "403", description = "The caller is not an admin")
  public Uni<AccountPage> search(
      @Context HttpHeaders headers,
      @Parameter(description = "Words to find in names and e-mail addresses; none lists all")
          @QueryParam("q")
          String q,
      @Parameter(description = "active or suspended") @QueryParam("status") String status,
      @Parameter(description = "A plan id") @QueryParam("plan") String plan,
      @Parameter(description = "Page size, 1 to 100 (default 20)") @QueryParam("limit")
          String limit,
      @Parameter(description = "The next of the previous page") @QueryParam("cursor")
          String cursor) {
    Caller.required(headers).requireAdmin();
    return search.search(query(q, status, plan, limit, cursor));
  }

  private AccountQuery query(String q, String status, String plan, String limit, String cursor) {
    List<Problem.FieldError> errors = new ArrayList<>();
    String text = blankToNull(q);
    if (text != null && text.length() > MAX_TEXT) {
      errors.add(new Problem.FieldError("q", "must be at most " + MAX_TEXT + " characters"));
    }
    String wantedStatus = blankToNull(status);
    if (wantedStatus != null && !STATUSES.contains(wantedStatus)) {
      errors.add(new Problem.FieldError("status", "must be active or suspended"));
    }
    String wantedPlan = blankToNull(plan);
    if (wantedPlan != null && wantedPlan.length() > MAX_PLAN) {
      errors.add(new Problem.FieldError("plan", "must be at most " + MAX_PLAN + " characters"));
    }
    int size = config.defaultLimit();
    if (limit != null) {
      try {
        size = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 1 || size > config.maxLimit()) {
        errors.add(
            new Problem.FieldError(
                "limit", "must be a whole number from 1 to " + config.maxLimit()));
      }
    }
    SearchOrder order = text == null ? SearchOrder.NEWEST : SearchOrder.RELEVANCE;
    SearchCursor after = null;
    if (blankToNull(cursor) != null) {
      try {
        after = SearchCursor.decode(cursor, order, json);
      } catch (IllegalArgumentException e) {
        errors.add(new Problem.FieldError("cursor", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.of("validation", 400, "Invalid request", "One or more parameters are invalid.")
              .withErrors(errors));
    }
    return new AccountQuery(text, wantedStatus, wantedPlan, size, after);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
