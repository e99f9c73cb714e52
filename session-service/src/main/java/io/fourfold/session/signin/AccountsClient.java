package io.fourfold.session.signin;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** account-service's internal credential check. */
@Path("/internal/credentials")
@RegisterRestClient(configKey = "accounts")
public interface AccountsClient {

  /** The email and password to check. */
  record Credentials(String email, String password) {}

  /** Who they belong to. */
  record VerifiedAccount(String accountId, String role, String status) {}

  /** Answers the account, or fails with a 401 WebApplicationException. */
  @POST
  Uni<VerifiedAccount> verify(Credentials credentials);
}
