package io.fourfold.account.admin;

import io.fourfold.account.application.AccountCommands;
import io.fourfold.account.application.EmailTakenException;
import io.fourfold.account.application.HashedPassword;
import io.fourfold.schema.account.AccountRole;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Creates the first admin from configuration, once: how an operator gets into a new suite. */
@ApplicationScoped
public class AdminBootstrap {

  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
  private static final int MIN_PASSWORD_LENGTH = 12;

  void createFirstAdmin(
      @Observes StartupEvent start, AdminBootstrapConfig config, AccountCommands accounts) {
    if (config.email().isEmpty() || config.password().isEmpty()) {
      return;
    }
    String email = config.email().get();
    if (config.password().get().length() < MIN_PASSWORD_LENGTH) {
      LOG.errorf(
          "FOURFOLD_ADMIN_PASSWORD is shorter than %d characters: no admin created",
          MIN_PASSWORD_LENGTH);
      return;
    }
    try {
      String id =
          accounts
              .register(
                  email,
                  "Administrator",
                  HashedPassword.of(config.password().get()),
                  AccountRole.ADMIN)
              .accountId();
      LOG.infof("Created the first admin %s (account %s)", email, id);
    } catch (EmailTakenException alreadyThere) {
      LOG.debugf("The admin %s exists already", email);
    }
  }
}
