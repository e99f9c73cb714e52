package io.fourfold.schema.flag;

import io.fourfold.schema.AggregateCommand;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Set a feature flag's whole rule, creating the flag if it does not exist yet. */
public record ChangeFeatureFlag(
    String flagKey,
    boolean enabled,
    int rolloutPercent,
    List<String> allowAccounts,
    List<String> denyAccounts,
    Instant at)
    implements AggregateCommand {

  public ChangeFeatureFlag {
    FlagRules.key(flagKey);
    FlagRules.percent(rolloutPercent);
    allowAccounts = FlagRules.accounts(allowAccounts, "allowAccounts");
    denyAccounts = FlagRules.accounts(denyAccounts, "denyAccounts");
    Objects.requireNonNull(at, "at");
  }

  @Override
  public String aggregateId() {
    return flagKey;
  }

  /** A flag's rule is replaced whole: the last writer wins, as with any PUT. */
  @Override
  public Long expectedVersion() {
    return null;
  }
}
