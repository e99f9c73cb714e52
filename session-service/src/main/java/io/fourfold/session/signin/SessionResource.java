package io.fourfold.session.signin;

import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import io.fourfold.session.auth.RateLimitRejections;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Sign-in and sign-out. */
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {

  private static final Problem WRONG_CREDENTIALS =
      Problem.ofStatus(401, "Unauthorized", "The email or the password is not right.");

  private final AccountsClient accounts;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final RateLimitRejections rejections;

  public SessionResource(
      @RestClient AccountsClient accounts,
      Sessions sessions,
      LoginThrottle throttle,
      RateLimitRejections rejections) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.throttle = throttle;
    this.rejections = rejections;
  }

  /** What a client signs in with. */
  public record SignIn(
      @NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {}

  /** A session: the bearer token and whose it is. */
  public record SessionCreated(String token, String accountId, Instant expiresAt) {}

  @POST
  public Uni<Response> signIn(
      @Valid @NotNull SignIn request, @HeaderParam("X-Real-IP") String clientAddress) {
    String address = clientAddress == null ? "unknown" : clientAddress;
    return throttle
        .retryAfter(request.email(), address)
        .flatMap(
            wait -> {
              if (wait > 0) {
                rejections.bySignInThrottle();
                return Uni.createFrom().item(tooManyAttempts(wait));
              }
              return accounts
                  .verify(new AccountsClient.Credentials(request.email(), request.password()))
                  .flatMap(this::open)
                  .onFailure(SessionResource::isWrongCredentials)
                  .recoverWithUni(
                      failure ->
                          throttle
                              .failed(request.email(), address)
                              .replaceWith(
                                  Uni.createFrom()
                                      .<Response>failure(new ProblemException(WRONG_CREDENTIALS))));
            });
  }

  @DELETE
  @Path("/current")
  public Uni<Response> signOut(@HeaderParam("Authorization") String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      throw new ProblemException(
          Problem.ofStatus(401, "Unauthorized", "Send the session's Authorization: Bearer."));
    }
    return sessions
        .close(authorization.substring("Bearer ".length()).trim())
        .map(ignored -> Response.noContent().build());
  }

  private Uni<Response> open(AccountsClient.VerifiedAccount account) {
    if (!"active".equals(account.status())) {
      // Same answer as a wrong password: a suspended account learns nothing new here.
      throw new ProblemException(WRONG_CREDENTIALS);
    }
    return sessions
        .open(account.accountId(), account.role())
        .map(
            session ->
                Response.status(Response.Status.CREATED)
                    .entity(
                        new SessionCreated(
                            session.token(), account.accountId(), session.expiresAt()))
                    .build());
  }

  private static boolean isWrongCredentials(Throwable failure) {
    return failure instanceof WebApplicationException web && web.getResponse().getStatus() == 401;
  }

  private static Response tooManyAttempts(long retryAfter) {
    return Response.status(429)
        .header("Retry-After", retryAfter)
        .type(Problem.MEDIA_TYPE)
        .entity(
            Problem.of(
                "too-many-sign-in-attempts",
                429,
                "Too Many Requests",
                "Too many failed sign-ins; try again after Retry-After seconds."))
        .build();
  }
}
