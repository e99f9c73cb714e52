package io.fourfold.session.flag.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import io.fourfold.schema.flag.ChangeFeatureFlag;
import io.fourfold.schema.flag.FeatureFlagChanged;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A feature flag, keyed by its name: an admin sets its whole rule at once (PUT semantics), which
 * creates the flag the first time. Setting the rule it already has records nothing, so a repeated
 * PUT is idempotent. Answers the flag's version, which becomes the consistency token.
 */
public class FeatureFlag {

  @AggregateIdentifier private String flagKey;
  private boolean enabled;
  private int rolloutPercent;
  private List<String> allowAccounts;
  private List<String> denyAccounts;

  /** For Axon, which creates a flag on its first command and rebuilds it from its events. */
  protected FeatureFlag() {}

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public long handle(ChangeFeatureFlag command) {
    if (flagKey == null || !hasRule(command)) {
      apply(
          new FeatureFlagChanged(
              command.flagKey(),
              command.enabled(),
              command.rolloutPercent(),
              command.allowAccounts(),
              command.denyAccounts(),
              command.at()));
    }
    return getVersion();
  }

  @EventSourcingHandler
  void on(FeatureFlagChanged event) {
    flagKey = event.flagKey();
    enabled = event.enabled();
    rolloutPercent = event.rolloutPercent();
    allowAccounts = event.allowAccounts();
    denyAccounts = event.denyAccounts();
  }

  private boolean hasRule(ChangeFeatureFlag command) {
    return enabled == command.enabled()
        && rolloutPercent == command.rolloutPercent()
        && sameMembers(allowAccounts, command.allowAccounts())
        && sameMembers(denyAccounts, command.denyAccounts());
  }

  private static boolean sameMembers(List<String> held, List<String> wanted) {
    return Objects.equals(new HashSet<>(held), new HashSet<>(wanted));
  }
}
