package io.fourfold.session.state;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.session.generation.PointerGenerations;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The session-state projection's generations: generation 1 keeps each account's status and role in
 * {@code account:<id>} (beside the plan of session-plans' generation 1), generation N in {@code
 * account:g<N>:<id>}; the pointer {@code session-state:generation} names the serving one and is
 * read by the auth script on every request. A rebuild never ends a session.
 */
@Singleton
public class SessionStateGenerations extends PointerGenerations {

  private static final String[] FIELDS = {"seq", "status", "role"};

  /**
   * What one account held by a bulk load costs the heap, rounded up (its id, its last sequence and
   * a few field, value pairs; measured from the heap after collections: about 450 bytes).
   */
  private static final long HELD_ACCOUNT_BYTES = 512;

  private final SessionStateProjector projector;
  private final int heldAccounts;

  public SessionStateGenerations(
      ReactiveRedisDataSource redis,
      SessionStateProjector projector,
      @ConfigProperty(name = "fourfold.rebuild.held-accounts") Optional<Integer> heldAccounts) {
    super(redis, SessionStateProjector.POINTER);
    this.projector = projector;
    this.heldAccounts = BulkLoad.held(heldAccounts, HELD_ACCOUNT_BYTES);
  }

  @Override
  public String name() {
    return SessionStateProjector.NAME;
  }

  @Override
  public String location(int generation) {
    return SessionStateProjector.key(generation, "<account id>");
  }

  @Override
  public boolean uses(String eventType) {
    return SessionStateProjector.usedTypes().contains(eventType);
  }

  @Override
  public Optional<BulkLoad> bulkLoad(int generation) {
    return Optional.of(new AccountStateLoad(redis, generation, heldAccounts));
  }

  @Override
  protected Uni<?> applyTo(ProjectedEvent event, String generation) {
    return projector.applyTo(event, generation);
  }

  @Override
  protected void dropKeys(int generation) {
    if (generation == 1) {
      // Generation 1's hashes also hold session-plans' generation 1: only the state's fields go.
      removeFields(keys("account:*", key -> !key.startsWith("account:g")), FIELDS);
    } else {
      delete(keys("account:g" + generation + ":*", key -> true));
    }
  }

  @Override
  protected void forgetKeys(String accountId, int generation) {
    String key = SessionStateProjector.key(generation, accountId);
    if (generation == 1) {
      removeFields(List.of(key), FIELDS);
    } else {
      delete(List.of(key));
    }
  }
}
