package io.fourfold.schema.account;

import java.util.Set;

/** The roles an account can hold, as they appear in commands and events. */
public final class AccountRole {

  /** An ordinary customer account. */
  public static final String USER = "user";

  /** An operator who may suspend, reactivate and erase other accounts. */
  public static final String ADMIN = "admin";

  private static final Set<String> ALL = Set.of(USER, ADMIN);

  private AccountRole() {}

  /** Whether {@code role} is one of the roles above. */
  public static boolean isKnown(String role) {
    return role != null && ALL.contains(role);
  }
}
