package io.fourfold.session.auth;

import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.http.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * The gateway's auth endpoint (nginx {@code auth_request}, ingress-nginx {@code auth-url}): 200
 * with the caller's account and role, 401 without a valid session, 429 over the rate limit. nginx
 * relays only 401 and 403 from an auth request, so when it asks ({@code X-Auth-Request: nginx}) a
 * rate-limited request is answered 403 and the gateway turns it back into 429.
 */
@Path("/internal/auth")
public class AuthResource {

  private static final String BEARER = "Bearer ";

  private final Authenticator authenticator;
  private final RateLimitRejections rejections;

  public AuthResource(Authenticator authenticator, RateLimitRejections rejections) {
    this.authenticator = authenticator;
    this.rejections = rejections;
  }

  @GET
  public Uni<Response> authenticate(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Original-Method") String method,
      @HeaderParam("X-Original-URI") String uri,
      @HeaderParam("X-Real-IP") String clientAddress,
      @HeaderParam("X-Auth-Request") String askingGateway) {
    boolean publicEndpoint = PublicEndpoints.isPublic(method, uri);
    String address = clientAddress == null || clientAddress.isBlank() ? "unknown" : clientAddress;
    int overLimit = "nginx".equalsIgnoreCase(askingGateway) ? 403 : 429;
    return authenticator
        .authenticate(token(authorization), publicEndpoint, address)
        .map(decision -> answer(decision, overLimit));
  }

  private Response answer(Authenticator.Decision decision, int overLimit) {
    if (decision instanceof Authenticator.Authenticated caller) {
      Response.ResponseBuilder response = Response.ok();
      if (caller.limit().exceeded()) {
        rejections.byAccountLimit();
        response = tooMany(overLimit);
      }
      return caller
          .limit()
          .addTo(response)
          .header(Caller.ACCOUNT_ID, caller.accountId())
          .header(Caller.ROLE, caller.role())
          .header(Caller.SESSION_ID, caller.sessionId())
          .build();
    }
    if (decision instanceof Authenticator.Anonymous anonymous) {
      Response.ResponseBuilder response = Response.ok();
      if (anonymous.limit().exceeded()) {
        rejections.byAddressLimit();
        response = tooMany(overLimit);
      }
      return anonymous.limit().addTo(response).build();
    }
    return Response.status(401)
        .header("WWW-Authenticate", "Bearer")
        .type(Problem.MEDIA_TYPE)
        .entity(
            Problem.ofStatus(
                401, "Unauthorized", "Sign in and send Authorization: Bearer <token>."))
        .build();
  }

  private static Response.ResponseBuilder tooMany(int status) {
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(
            Problem.ofStatus(429, "Too Many Requests", "Rate limit exceeded; see Retry-After."));
  }

  private static String token(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = authorization.substring(BEARER.length()).trim();
    return token.isEmpty() || token.length() > 200 ? null : token;
  }
}
