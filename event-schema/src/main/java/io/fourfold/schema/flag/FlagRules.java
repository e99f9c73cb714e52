package io.fourfold.schema.flag;

import java.util.List;
import java.util.regex.Pattern;

/** What every feature flag's key and rule must satisfy, shared by the command and the event. */
public final class FlagRules {

  /** A flag key: lower-case letters, digits, dots, dashes and underscores, 1 to 64 of them. */
  public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** An account id (account ids are UUIDs). */
  public static final Pattern ACCOUNT_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** The most accounts one allow or deny list may name. */
  public static final int MAX_LISTED_ACCOUNTS = 1_000;

  private FlagRules() {}

  static String key(String flagKey) {
    if (flagKey == null || !KEY.matcher(flagKey).matches()) {
      throw new IllegalArgumentException("flagKey must match " + KEY.pattern() + ": " + flagKey);
    }
    return flagKey;
  }

  static int percent(int rolloutPercent) {
    if (rolloutPercent < 0 || rolloutPercent > 100) {
      throw new IllegalArgumentException("rolloutPercent must be 0..100: " + rolloutPercent);
    }
    return rolloutPercent;
  }

  static List<String> accounts(List<String> accountIds, String name) {
    List<String> copy = accountIds == null ? List.of() : List.copyOf(accountIds);
    if (copy.size() > MAX_LISTED_ACCOUNTS) {
      throw new IllegalArgumentException(name + " names more than " + MAX_LISTED_ACCOUNTS);
    }
    for (String id : copy) {
      if (!ACCOUNT_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(name + " holds a value that is no account id: " + id);
      }
    }
    return copy;
  }
}
