package io.fourfold.account.admin;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The first admin, created at start when both values are set (FOURFOLD_ADMIN_EMAIL,
 * FOURFOLD_ADMIN_PASSWORD) and no account holds that email yet. Fourfold ships no default.
 */
@ConfigMapping(prefix = "fourfold.admin")
public interface AdminBootstrapConfig {

  /** The admin's email. */
  Optional<String> email();

  /** The admin's password; at least 12 characters. */
  Optional<String> password();
}
