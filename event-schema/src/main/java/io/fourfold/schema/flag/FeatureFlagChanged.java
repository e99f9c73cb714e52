package io.fourfold.schema.flag;

import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A feature flag's rule was set (created or replaced whole): on for no one unless {@code enabled};
 * then on for the accounts of {@code allowAccounts}, off for those of {@code denyAccounts} (deny
 * wins), and for everyone else on for a stable {@code rolloutPercent} of accounts. The aggregate id
 * is the flag key.
 */
@EventType(name = "flag.changed", revision = 1)
public record FeatureFlagChanged(
    String flagKey,
    boolean enabled,
    int rolloutPercent,
    List<String> allowAccounts,
    List<String> denyAccounts,
    Instant changedAt)
    implements DomainEvent {

  public FeatureFlagChanged {
    FlagRules.key(flagKey);
    FlagRules.percent(rolloutPercent);
    allowAccounts = FlagRules.accounts(allowAccounts, "allowAccounts");
    denyAccounts = FlagRules.accounts(denyAccounts, "denyAccounts");
    Objects.requireNonNull(changedAt, "changedAt");
  }

  @Override
  public String aggregateId() {
    return flagKey;
  }
}
