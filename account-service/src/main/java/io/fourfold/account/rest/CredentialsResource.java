package io.fourfold.account.rest;

import io.fourfold.account.query.AccountView;
import io.fourfold.eventing.http.BlockingWork;
import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/**
 * Checks an email and password for session-service's sign-in. Internal: the gateway never routes
 * {@code /internal/}. Unknown email and wrong password take the same time and give the same 401, so
 * neither reveals which accounts exist.
 */
@Path("/internal/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CredentialsResource {

  /**
   * A bcrypt hash of a random secret: checked against when the email is unknown, to take as long.
   */
  private static final String DECOY_HASH =
      BcryptUtil.bcryptHash(java.util.UUID.randomUUID().toString());

  private final BlockingWork blocking;

  public CredentialsResource(BlockingWork blocking) {
    this.blocking = blocking;
  }

  /** The email and password to check. */
  public record Credentials(
      @NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {}

  /** Who the credentials belong to. */
  public record VerifiedAccount(String accountId, String role, String status) {}

  @POST
  public Uni<VerifiedAccount> verify(@Valid @NotNull Credentials credentials) {
    String email = credentials.email().trim().toLowerCase(Locale.ROOT);
    return Panache.withSession(
            () -> AccountView.<AccountView>find("lower(email) = ?1", email).firstResult())
        .flatMap(account -> blocking.run(() -> check(account, credentials.password())));
  }

  private static VerifiedAccount check(AccountView account, String password) {
    boolean matches =
        BcryptUtil.matches(password, account == null ? DECOY_HASH : account.passwordHash);
    if (account == null || !matches) {
      throw new ProblemException(
          Problem.ofStatus(401, "Unauthorized", "The email or the password is not right."));
    }
    return new VerifiedAccount(account.id, account.role, account.status);
  }
}
