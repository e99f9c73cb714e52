package io.fourfold.session.flag;

import java.util.Set;

/**
 * A flag's rule as the projection holds it, and how it decides for one account: the deny list wins,
 * then the allow list, then an enabled flag's rollout percent.
 *
 * @param sequence the flag's last applied event (the projection's idempotency guard)
 */
public record FlagRule(
    long sequence,
    boolean enabled,
    int rolloutPercent,
    Set<String> allowAccounts,
    Set<String> denyAccounts) {

  public FlagRule {
    allowAccounts = allowAccounts == null ? Set.of() : Set.copyOf(allowAccounts);
    denyAccounts = denyAccounts == null ? Set.of() : Set.copyOf(denyAccounts);
  }

  /** Whether the flag {@code flagKey} is on for the account. */
  public boolean isOnFor(String flagKey, String accountId) {
    if (denyAccounts.contains(accountId)) {
      return false;
    }
    if (allowAccounts.contains(accountId)) {
      return true;
    }
    return enabled && Rollout.includes(flagKey, accountId, rolloutPercent);
  }
}
