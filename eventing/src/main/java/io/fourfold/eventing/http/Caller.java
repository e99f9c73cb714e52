package io.fourfold.eventing.http;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;

/**
 * Who sent a request, as the gateway established it: it authenticates every protected request with
 * session-service and passes the account id and role on (stripping what a client sent). Services
 * act only on these headers.
 *
 * @param accountId the caller's account
 * @param role {@code user} or {@code admin}
 * @param sessionId the caller's session, when the gateway passed it
 */
public record Caller(String accountId, String role, String sessionId) {

  public static final String ACCOUNT_ID = "X-Account-Id";
  public static final String ROLE = "X-Account-Role";
  public static final String SESSION_ID = "X-Session-Id";

  /** The caller of a request, if the gateway authenticated one. */
  public static Optional<Caller> of(HttpHeaders headers) {
    String id = headers.getHeaderString(ACCOUNT_ID);
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    String role = headers.getHeaderString(ROLE);
    return Optional.of(
        new Caller(id, role == null ? "user" : role, headers.getHeaderString(SESSION_ID)));
  }

  /** The authenticated caller, or a 401. */
  public static Caller required(HttpHeaders headers) {
    return of(headers)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.ofStatus(401, "Unauthorized", "Sign in: send Authorization: Bearer.")));
  }

  public boolean isAdmin() {
    return "admin".equals(role);
  }

  /** Allows the account itself or an admin; anyone else gets a 403. */
  public Caller requireOwnerOrAdmin(String ownerAccountId) {
    if (!isAdmin() && !accountId.equals(ownerAccountId)) {
      throw forbidden("This belongs to another account.");
    }
    return this;
  }

  /** Allows admins only. */
  public Caller requireAdmin() {
    if (!isAdmin()) {
      throw forbidden("Only an admin may do this.");
    }
    return this;
  }

  private static ProblemException forbidden(String detail) {
    return new ProblemException(Problem.ofStatus(403, "Forbidden", detail));
  }
}
