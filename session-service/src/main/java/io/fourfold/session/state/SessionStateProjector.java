package io.fourfold.session.state;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.Projector;
import io.fourfold.schema.EventMetadata;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountPasswordChanged;
import io.fourfold.schema.account.AccountReactivated;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.session.config.LuaScript;
import io.fourfold.session.signin.Sessions;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

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

  private static final LuaScript APPLY = LuaScript.load("redis/apply-account.lua");

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
    if (projected.event() instanceof AccountRegistered registered) {
      // The plan is billing's (PlanProjector): it may have arrived first, so it is not set here.
      return set(projected, "status", "active", "role", registered.role()).replaceWithVoid();
    }
    if (projected.event() instanceof AccountSuspended) {
      return set(projected, "status", "suspended").replaceWithVoid();
    }
    if (projected.event() instanceof AccountReactivated) {
      return set(projected, "status", "active").replaceWithVoid();
    }
    if (projected.event() instanceof AccountErased) {
      return set(projected, "status", "erased").flatMap(x -> sessions.revokeAll(id, null));
    }
    if (projected.event() instanceof AccountPasswordChanged) {
      String keep = projected.metadata().get(EventMetadata.SESSION_ID);
      return set(projected).flatMap(applied -> applied ? sessions.revokeAll(id, keep) : none());
    }
    return none();
  }

  @Override
  public Uni<Long> appliedSequence(String accountId) {
    return redis
        .hash(String.class)
        .hget(key(accountId), "seq")
        .map(seq -> seq == null ? -1L : Long.parseLong(seq));
  }

  private Uni<Boolean> set(ProjectedEvent projected, String... fieldsAndValues) {
    String[] args = new String[fieldsAndValues.length + 1];
    args[0] = String.valueOf(projected.sequence());
    System.arraycopy(fieldsAndValues, 0, args, 1, fieldsAndValues.length);
    return APPLY
        .run(redis, List.of(key(projected.aggregateId())), args)
        .map(result -> result.toInteger() == 1);
  }

  private static Uni<Void> none() {
    return Uni.createFrom().voidItem();
  }

  private static String key(String accountId) {
    return "account:" + accountId;
  }
}
