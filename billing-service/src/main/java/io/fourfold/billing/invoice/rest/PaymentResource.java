package io.fourfold.billing.invoice.rest;

import static io.fourfold.billing.rest.RestSupport.invalid;
import static io.fourfold.billing.rest.RestSupport.notFound;
import static io.fourfold.billing.rest.RestSupport.requireUuid;

import io.fourfold.billing.invoice.application.InvoiceCommands;
import io.fourfold.billing.invoice.application.RecordedPayment;
import io.fourfold.billing.invoice.command.PaymentOutcome;
import io.fourfold.billing.money.Money;
import io.fourfold.billing.readmodel.BillingQueries;
import io.fourfold.billing.rest.RestSupport;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.idempotency.IdempotencyKeys;
import io.fourfold.eventing.idempotency.StoredAnswer;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One invoice, and payments towards it. */
@Path("/api/v1/invoices/{invoiceId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Invoices")
public class PaymentResource {

  private final InvoiceCommands commands;
  private final BillingQueries queries;
  private final IdempotencyKeys idempotency;
  private final RestSupport rest;

  public PaymentResource(
      InvoiceCommands commands,
      BillingQueries queries,
      IdempotencyKeys idempotency,
      RestSupport rest) {
    this.commands = commands;
    this.queries = queries;
    this.idempotency = idempotency;
    this.rest = rest;
  }

  /** {@code POST /api/v1/invoices/{invoiceId}/payments}: an amount in minor units. */
  public record PaymentRequest(@NotNull @Positive Long amountMinor, @NotBlank String currency) {}

  /** A recorded payment and the invoice after it. */
  public record PaymentResponse(
      String id,
      String invoiceId,
      Money amount,
      Money invoiceTotal,
      Money invoicePaid,
      Money invoiceDue,
      String invoiceStatus) {

    static PaymentResponse of(RecordedPayment payment) {
      PaymentOutcome invoice = payment.invoice();
      Money total = new Money(invoice.totalMinor(), invoice.currency());
      Money paid = new Money(invoice.paidMinor(), invoice.currency());
      return new PaymentResponse(
          payment.paymentId(),
          invoice.invoiceId(),
          payment.amount(),
          total,
          paid,
          total.minus(paid),
          invoice.paid() ? "paid" : "open");
    }
  }

  @GET
  @Operation(summary = "One invoice (owner or admin)")
  public Uni<Response> get(@PathParam("invoiceId") String invoiceId, @Context HttpHeaders headers) {
    Caller caller = Caller.required(headers);
    requireUuid(invoiceId, "invoice");
    return queries
        .invoice(invoiceId)
        .map(
            found -> {
              InvoiceResponse invoice =
                  found.map(InvoiceResponse::of).orElseThrow(() -> notFound("invoice"));
              caller.requireOwnerOrAdmin(invoice.accountId());
              return Response.ok(invoice).tag(String.valueOf(invoice.version())).build();
            });
  }

  @POST
  @Path("/payments")
  @Operation(summary = "Pay an invoice, in part or in full (owner or admin)")
  @APIResponse(responseCode = "201", description = "The payment and the invoice after it")
  @APIResponse(responseCode = "400", description = "Amount not positive, or unknown currency")
  @APIResponse(responseCode = "404", description = "No such invoice")
  @APIResponse(responseCode = "409", description = "More than is due, or another currency")
  public Uni<Response> pay(
      @PathParam("invoiceId") String invoiceId,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
      @Context HttpHeaders headers,
      @Valid @NotNull PaymentRequest request) {
    Caller caller = Caller.required(headers);
    requireUuid(invoiceId, "invoice");
    if (!Money.isCurrency(request.currency())) {
      throw invalid("currency", "must be an ISO 4217 currency code, e.g. EUR");
    }
    Money amount = new Money(request.amountMinor(), request.currency());
    return rest.blocking(
            caller,
            () -> {
              String owner = commands.accountOf(invoiceId).orElseThrow(() -> notFound("invoice"));
              caller.requireOwnerOrAdmin(owner);
              return idempotency.once(
                  "POST /api/v1/invoices/" + invoiceId + "/payments",
                  idempotencyKey,
                  rest.json(request),
                  () -> paid(invoiceId, amount));
            })
        .map(RestSupport::replay);
  }

  private StoredAnswer paid(String invoiceId, Money amount) {
    RecordedPayment payment = commands.pay(invoiceId, amount);
    return rest.created(
        "/api/v1/invoices/" + invoiceId + "/payments/" + payment.paymentId(),
        payment.token().encode(),
        PaymentResponse.of(payment));
  }
}
