package io.fourfold.billing.rest;

import static io.fourfold.eventing.http.ProblemExceptionMappers.respond;

import io.fourfold.billing.invoice.application.InvoiceAlreadyIssuedException;
import io.fourfold.billing.invoice.application.PlanWithdrawnException;
import io.fourfold.billing.invoice.command.PaymentRefusedException;
import io.fourfold.billing.invoice.domain.MixedCurrencyException;
import io.fourfold.eventing.http.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** How the billing domain's refusals are answered, as problem+json. */
public class BillingProblems {

  @ServerExceptionMapper
  public Response paymentRefused(PaymentRefusedException e, UriInfo uri) {
    String title =
        "overpayment".equals(e.reason()) ? "Payment exceeds the amount due" : "Wrong currency";
    return respond(Problem.of(e.reason(), 409, title, e.getMessage()), uri);
  }

  @ServerExceptionMapper
  public Response alreadyIssued(InvoiceAlreadyIssuedException e, UriInfo uri) {
    return respond(
        Problem.of(
            "invoice-already-issued",
            409,
            "Invoice already issued",
            "The account already has an invoice for this period."),
        uri);
  }

  @ServerExceptionMapper({MixedCurrencyException.class, PlanWithdrawnException.class})
  public Response cannotPrice(RuntimeException e, UriInfo uri) {
    return respond(
        Problem.of("cannot-price-period", 422, "Cannot price the period", e.getMessage()), uri);
  }

  @ServerExceptionMapper
  public Response noSuchAggregate(AggregateNotFoundException e, UriInfo uri) {
    return respond(Problem.ofStatus(404, "Not Found", "There is nothing here to change."), uri);
  }

  @ServerExceptionMapper({
    ConcurrencyException.class,
    ConflictingModificationException.class,
    AggregateStreamCreationException.class
  })
  public Response concurrentChange(RuntimeException e, UriInfo uri) {
    return respond(
        Problem.of(
            "concurrent-change",
            409,
            "Concurrent change",
            "Another request changed this at the same time; send the request again."),
        uri);
  }
}
