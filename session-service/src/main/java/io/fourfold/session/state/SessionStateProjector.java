package io.fourfold.session.state;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.Projector;
import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.EventMetadata;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountPasswordChanged;
import io.fourfold.schema.account.AccountReactivated;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.codec.EventTypes;
import io.fourfold.schema.codec.RegisteredEventType;
import io.fourfold.session.config.LuaScript;
import io.fourfold.session.signin.Sessions;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What every request checks, kept in Redis from account events: each account's status and role (its
 * plan comes from billing's events, see {@link PlanProjector}). A suspended or erased account fails
 * authentication at once; a password change ends the account's other sessions; an erasure ends all
 * of them. Writes are guarded by the event sequence.
 */
@ApplicationScoped
public class SessionStateProjector implements Projector {

  /** The projection's name, its consumer group and channel. */
  public static final String NAME = "session-state";

  /** The key naming the serving generation (absent: 1), read by every script that reads state. */
  static final String POINTER = "session-state:generation";

  /** As a generation argument to the scripts: the one the pointer names. */
  static final String SERVING = "";

  private static final LuaScript APPLY = LuaScript.load("redis/apply-account.lua");

  /** The event types {@link #fields} writes from: the others change nothing here. */
  private static final Set<String> USED_TYPES =
      Stream.of(
              AccountRegistered.class,
              AccountSuspended.class,
              AccountReactivated.class,
              AccountErased.class,
              AccountPasswordChanged.class)
          .map(EventTypes.standard()::byClass)
          .map(RegisteredEventType::name)
          .collect(Collectors.toUnmodifiableSet());

  private final ReactiveRedisDataSource redis;
  private final Sessions sessions;

  public SessionStateProjector(ReactiveRedisDataSource redis, Sessions sessions) {
    this.redis = redis;
    this.sessions = sessions;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProjectionStore store() {
    return ProjectionStore.REDIS;
  }

  @Override
  public Uni<Void> apply(ProjectedEvent projected) {
    String id = projected.aggregateId();
    return applyTo(projected, SERVING)
        .flatMap(
            applied -> {
              if (projected.event() instanceof AccountErased) {
                return sessions.revokeAll(id, null);
              }
              if (applied && projected.event() instanceof AccountPasswordChanged) {
                return sessions.revokeAll(id, projected.metadata().get(EventMetadata.SESSION_ID));
              }
              return none();
            });
  }

  /**
   * Writes one event's fields into a generation ({@link #SERVING}: the one the pointer names, read
   * in the same script as the write); true when applied. Only the state: ending sessions is the
   * live projection's effect, never a rebuild's.
   */
  Uni<Boolean> applyTo(ProjectedEvent projected, String generation) {
    String[] fields = fields(projected.event());
    if (fields == null) {
      return Uni.createFrom().item(false);
    }
    return APPLY
        .run(
            redis,
            List.of(POINTER),
            arguments(projected.aggregateId(), generation, projected.sequence(), fields))
        .map(result -> result.toInteger() == 1);
  }

  /** The script {@link #applyTo} runs, with {@link #POINTER} as its key. */
  static LuaScript applyScript() {
    return APPLY;
  }

  /**
   * The script's arguments for {@code fields} of an account up to {@code sequence}: one event's, or
   * what an account's events set, folded by a bulk load ({@link AccountStateLoad}); written only if
   * the generation holds an older sequence.
   */
  static String[] arguments(String accountId, String generation, long sequence, String[] fields) {
    String[] args = new String[fields.length + 3];
    args[0] = accountId;
    args[1] = generation;
    args[2] = String.valueOf(sequence);
    System.arraycopy(fields, 0, args, 3, fields.length);
    return args;
  }

  /** The names of the event types {@link #fields} knows: a rebuild reads no others. */
  static Set<String> usedTypes() {
    return USED_TYPES;
  }

  /**
   * The fields an account event sets (field, value pairs), or null for an event this projection
   * does not use.
   */
  static String[] fields(DomainEvent event) {
    if (event instanceof AccountRegistered registered) {
      // The plan is billing's (PlanProjector): it may have arrived first, so it is not set here.
      return new String[] {"status", "active", "role", registered.role()};
    }
    if (event instanceof AccountSuspended) {
      return new String[] {"status", "suspended"};
    }
    if (event instanceof AccountReactivated) {
      return new String[] {"status", "active"};
    }
    if (event instanceof AccountErased) {
      return new String[] {"status", "erased"};
    }
    if (event instanceof AccountPasswordChanged) {
      return new String[0]; // only its sequence, so a redelivery does not end sessions again
    }
    return null;
  }

  @Override
  public Uni<Long> appliedSequence(String accountId) {
    return redis
        .value(String.class)
        .get(POINTER)
        .flatMap(
            serving ->
                redis
                    .hash(String.class)
                    .hget(key(serving == null ? 1 : Integer.parseInt(serving), accountId), "seq"))
        .map(seq -> seq == null ? -1L : Long.parseLong(seq));
  }

  private static Uni<Void> none() {
    return Uni.createFrom().voidItem();
  }

  /** The hash of an account's state in a generation (generation 1 shares it with the plan). */
  static String key(int generation, String accountId) {
    return generation == 1 ? "account:" + accountId : "account:g" + generation + ":" + accountId;
  }
}
