package io.fourfold.account.rest;

import static io.fourfold.eventing.http.ProblemExceptionMappers.respond;

import io.fourfold.account.application.EmailTakenException;
import io.fourfold.account.application.WrongPasswordException;
import io.fourfold.account.command.AccountErasedException;
import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.privacy.DataKeyDestroyedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** How the account domain's refusals are answered. */
public class AccountProblems {

  static final Problem NOT_FOUND = Problem.ofStatus(404, "Not Found", "No such account.");

  @ServerExceptionMapper
  public Response emailTaken(EmailTakenException e, UriInfo uri) {
    return respond(
        Problem.of("email-taken", 409, "Email taken", "Another account uses this email."), uri);
  }

  @ServerExceptionMapper
  public Response wrongPassword(WrongPasswordException e, UriInfo uri) {
    return respond(
        Problem.of("wrong-password", 403, "Forbidden", "The current password is not right."), uri);
  }

  @ServerExceptionMapper
  public Response stale(ConflictingAggregateVersionException e, UriInfo uri) {
    return respond(
        Problem.of(
            "stale-version",
            412,
            "Precondition Failed",
            "The account changed since the version in If-Match; read it again."),
        uri);
  }

  @ServerExceptionMapper({
    AggregateNotFoundException.class,
    AccountErasedException.class,
    DataKeyDestroyedException.class
  })
  public Response notFound(RuntimeException e, UriInfo uri) {
    return respond(NOT_FOUND, uri);
  }
}
