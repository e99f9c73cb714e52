package io.fourfold.session.flag;

import io.fourfold.eventing.store.AxonEventStore;
import io.fourfold.schema.consistency.ConsistencyToken;
import io.fourfold.schema.flag.ChangeFeatureFlag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** The flag use cases: each sends one command to the flag's aggregate in one transaction. */
@ApplicationScoped
public class FlagCommands {

  private final AxonEventStore eventStore;
  private final Clock clock = Clock.systemUTC();

  public FlagCommands(AxonEventStore eventStore) {
    this.eventStore = eventStore;
  }

  /** Sets the flag's whole rule; answers the flag's version as a consistency token. */
  @Transactional
  public ConsistencyToken change(
      String flagKey,
      boolean enabled,
      int rolloutPercent,
      List<String> allowAccounts,
      List<String> denyAccounts) {
    Long version =
        eventStore
            .commands()
            .sendAndWait(
                new ChangeFeatureFlag(
                    flagKey,
                    enabled,
                    rolloutPercent,
                    allowAccounts,
                    denyAccounts,
                    clock.instant()));
    return new ConsistencyToken(flagKey, version);
  }
}
