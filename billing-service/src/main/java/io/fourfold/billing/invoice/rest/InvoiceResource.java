package io.fourfold.billing.invoice.rest;

import static io.fourfold.billing.rest.RestSupport.invalid;
import static io.fourfold.billing.rest.RestSupport.requireUuid;

import io.fourfold.billing.invoice.application.InvoiceCommands;
import io.fourfold.billing.readmodel.BillingQueries;
import io.fourfold.billing.rest.BillableAccounts;
import io.fourfold.billing.rest.RestSupport;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.idempotency.IdempotencyKeys;
import io.fourfold.eventing.idempotency.StoredAnswer;
import io.fourfold.schema.billing.IssueInvoice;
import io.fourfold.schema.consistency.ConsistencyToken;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An account's invoices: issued by an admin for a period, listed for the owner. */
@Path("/api/v1/accounts/{id}/invoices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Invoices")
public class InvoiceResource {

  /** The longest period one invoice may cover. */
  static final long MAX_PERIOD_DAYS = 366;

  /** The dates an invoice period may use: billing began after the first, and dates stay sane. */
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

  static final LocalDate LATEST = LocalDate.of(9999, 12, 30);

  private final InvoiceCommands commands;
  private final BillingQueries queries;
  private final BillableAccounts accounts;
  private final IdempotencyKeys idempotency;
  private final RestSupport rest;

  public InvoiceResource(
      InvoiceCommands commands,
      BillingQueries queries,
      BillableAccounts accounts,
      IdempotencyKeys idempotency,
      RestSupport rest) {
    this.commands = commands;
    this.queries = queries;
    this.accounts = accounts;
    this.idempotency = idempotency;
    this.rest = rest;
  }

  /** {@code POST /api/v1/accounts/{id}/invoices}: the days to bill, both included. */
  public record InvoicePeriod(@NotNull LocalDate periodStart, @NotNull LocalDate periodEnd) {}

  @POST
  @Operation(summary = "Issue the account's invoice of a period, prorated to the day (admin)")
  @APIResponse(responseCode = "201", description = "The invoice, with its lines and total")
  @APIResponse(responseCode = "400", description = "Malformed dates, or end before start")
  @APIResponse(responseCode = "404", description = "No such account, or it was erased")
  @APIResponse(responseCode = "409", description = "The period was already invoiced")
  public Uni<Response> issue(
      @PathParam("id") String id,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
      @Context HttpHeaders headers,
      @Valid @NotNull InvoicePeriod request) {
    Caller caller = Caller.required(headers).requireAdmin();
    requireUuid(id, "account");
    if (request.periodStart().isBefore(EARLIEST) || request.periodEnd().isAfter(LATEST)) {
      throw invalid("periodStart", "and periodEnd must lie between " + EARLIEST + " and " + LATEST);
    }
    if (request.periodEnd().isBefore(request.periodStart())) {
      throw invalid("periodEnd", "must not be before periodStart");
    }
    if (ChronoUnit.DAYS.between(request.periodStart(), request.periodEnd()) >= MAX_PERIOD_DAYS) {
      throw invalid(
          "periodEnd", "must be less than " + MAX_PERIOD_DAYS + " days after periodStart");
    }
    return accounts
        .require(id, headers)
        .flatMap(
            ignored ->
                rest.blocking(
                    caller,
                    () ->
                        idempotency.once(
                            "POST /api/v1/accounts/" + id + "/invoices",
                            idempotencyKey,
                            rest.json(request),
                            () -> issued(id, request))))
        .map(RestSupport::replay);
  }

  @GET
  @Operation(summary = "The account's invoices, oldest period first (owner or admin)")
  public Uni<List<InvoiceResponse>> list(@PathParam("id") String id, @Context HttpHeaders headers) {
    Caller.required(headers).requireOwnerOrAdmin(id);
    requireUuid(id, "account");
    return queries.invoices(id).map(list -> list.stream().map(InvoiceResponse::of).toList());
  }

  private StoredAnswer issued(String accountId, InvoicePeriod request) {
    IssueInvoice command = commands.issue(accountId, request.periodStart(), request.periodEnd());
    InvoiceResponse body = InvoiceResponse.issued(command);
    return rest.created(
        "/api/v1/invoices/" + command.invoiceId(),
        new ConsistencyToken(command.invoiceId(), body.version()).encode(),
        body);
  }
}
