package io.fourfold.billing.subscription.rest;

import static io.fourfold.billing.rest.RestSupport.requireUuid;

import io.fourfold.billing.plan.Plan;
import io.fourfold.billing.plan.PlanCatalogue;
import io.fourfold.billing.readmodel.BillingQueries;
import io.fourfold.billing.readmodel.SubscriptionView;
import io.fourfold.billing.rest.BillableAccounts;
import io.fourfold.billing.rest.RestSupport;
import io.fourfold.billing.subscription.application.SubscriptionCommands;
import io.fourfold.billing.subscription.application.SubscriptionResult;
import io.fourfold.billing.subscription.command.SubscriptionOutcome.Change;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import io.fourfold.eventing.projection.ConsistencyFilters;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An account's subscription: choosing a plan starts it (201) or changes it (200); deleting it
 * cancels it. Only an account billing knows as registered and not erased may subscribe; send the
 * registration's consistency token in {@code X-Consistent-With} right after registering.
 */
@Path("/api/v1/accounts/{id}/subscription")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Subscriptions")
public class SubscriptionResource {

  private final SubscriptionCommands commands;
  private final PlanCatalogue catalogue;
  private final BillableAccounts accounts;
  private final BillingQueries queries;
  private final RestSupport rest;

  public SubscriptionResource(
      SubscriptionCommands commands,
      PlanCatalogue catalogue,
      BillableAccounts accounts,
      BillingQueries queries,
      RestSupport rest) {
    this.commands = commands;
    this.catalogue = catalogue;
    this.accounts = accounts;
    this.queries = queries;
    this.rest = rest;
  }

  /** {@code PUT /api/v1/accounts/{id}/subscription}. */
  public record PlanChoice(@NotBlank @Size(max = 64) String planId) {}

  /** The subscription as a command left it. */
  public record SubscriptionResponse(
      String subscriptionId,
      String accountId,
      String planId,
      String status,
      Integer rateLimitPerMinute,
      long version) {}

  @GET
  @Operation(summary = "The account's subscription, running or cancelled (owner or admin)")
  @APIResponse(responseCode = "200", description = "The subscription")
  @APIResponse(responseCode = "404", description = "The account never subscribed")
  public Uni<Response> get(@PathParam("id") String id, @Context HttpHeaders headers) {
    owner(headers, id);
    return queries
        .subscription(id)
        .map(
            found -> {
              SubscriptionView view = found.orElseThrow(() -> RestSupport.notFound("subscription"));
              return Response.ok(
                      new SubscriptionResponse(
                          view.subscriptionId(),
                          id,
                          view.planId(),
                          view.status(),
                          view.rateLimitPerMinute(),
                          view.version()))
                  .tag(String.valueOf(view.version()))
                  .build();
            });
  }

  @PUT
  @Operation(summary = "Put the account on a plan (owner or admin)")
  @APIResponse(responseCode = "201", description = "Subscription started")
  @APIResponse(responseCode = "200", description = "Plan changed, or already this plan")
  @APIResponse(responseCode = "404", description = "No such account, or it was erased")
  @APIResponse(responseCode = "422", description = "No such plan")
  public Uni<Response> choose(
      @PathParam("id") String id,
      @Context HttpHeaders headers,
      @Valid @NotNull PlanChoice request) {
    Caller caller = owner(headers, id);
    Plan plan =
        catalogue
            .find(request.planId())
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.of(
                                "unknown-plan",
                                422,
                                "Unknown plan",
                                "There is no plan " + request.planId() + "; see /api/v1/plans.")
                            .withErrors(
                                List.of(new Problem.FieldError("planId", "names no plan")))));
    return accounts
        .require(id, headers)
        .flatMap(ignored -> rest.blocking(caller, () -> commands.choose(id, plan)))
        .map(
            result ->
                answer(
                    result.outcome().change() == Change.STARTED
                        ? Response.Status.CREATED
                        : Response.Status.OK,
                    result,
                    new SubscriptionResponse(
                        result.subscriptionId(),
                        id,
                        plan.id(),
                        "active",
                        plan.rateLimitPerMinute(),
                        result.outcome().version())));
  }

  @DELETE
  @Operation(summary = "Cancel the account's subscription (owner or admin)")
  @APIResponse(responseCode = "204", description = "Cancelled (or was not running)")
  @APIResponse(responseCode = "404", description = "No such account, or it never subscribed")
  public Uni<Response> cancel(@PathParam("id") String id, @Context HttpHeaders headers) {
    Caller caller = owner(headers, id);
    return accounts
        .require(id, headers)
        .flatMap(ignored -> rest.blocking(caller, () -> commands.cancel(id)))
        .map(result -> answer(Response.Status.NO_CONTENT, result, null));
  }

  private static Response answer(Response.Status status, SubscriptionResult result, Object body) {
    return Response.status(status)
        .header(ConsistencyFilters.CONSISTENCY_TOKEN, result.token().encode())
        .tag(String.valueOf(result.token().sequence()))
        .entity(body)
        .build();
  }

  private static Caller owner(HttpHeaders headers, String id) {
    Caller caller = Caller.required(headers).requireOwnerOrAdmin(id);
    requireUuid(id, "account");
    return caller;
  }
}
