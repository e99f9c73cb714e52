package io.fourfold.account.command;

import java.util.Locale;

/** The life of an account: active, suspended by an admin, or erased for good. */
public enum AccountStatus {
  ACTIVE,
  SUSPENDED,
  ERASED;

  /** The name used in the API and the read model. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
