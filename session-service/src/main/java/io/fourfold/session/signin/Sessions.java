package io.fourfold.session.signin;

import io.fourfold.eventing.Digests;
import io.fourfold.session.config.SessionConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Sessions in Redis. The token a client holds is 256 random bits; Redis keeps only its SHA-256 (the
 * session id), so a copy of Redis cannot be replayed as tokens. Each account's sessions are indexed
 * so a password change or a suspension can revoke them together.
 */
@ApplicationScoped
public class Sessions {

  private static final int TOKEN_BYTES = 32;

  private final ReactiveRedisDataSource redis;
  private final SessionConfig config;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();

  public Sessions(ReactiveRedisDataSource redis, SessionConfig config) {
    this.redis = redis;
    this.config = config;
  }

  /** A new session: the token to give the client and when it expires if unused. */
  public record NewSession(String token, String sessionId, Instant expiresAt) {}

  /** Opens a session for the account. */
  public Uni<NewSession> open(String accountId, String role) {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String id = idOf(token);
    long ttl = config.idleTimeout().toSeconds();
    Instant now = clock.instant();
    return redis
        .hash(String.class)
        .hset(key(id), Map.of("accountId", accountId, "role", role, "createdAt", now.toString()))
        .flatMap(ignored -> redis.key().expire(key(id), ttl))
        .flatMap(ignored -> redis.set(String.class).sadd(index(accountId), id))
        .map(ignored -> new NewSession(token, id, now.plusSeconds(ttl)));
  }

  /** Ends the session of this token, if any. */
  public Uni<Void> close(String token) {
    String id = idOf(token);
    return redis
        .hash(String.class)
        .hget(key(id), "accountId")
        .flatMap(
            accountId ->
                accountId == null
                    ? Uni.createFrom().voidItem()
                    : redis.set(String.class).srem(index(accountId), id).replaceWithVoid())
        .flatMap(ignored -> redis.key().del(key(id)))
        .replaceWithVoid();
  }

  /** Revokes every session of the account except {@code keptSessionId} (may be null). */
  public Uni<Void> revokeAll(String accountId, String keptSessionId) {
    return redis
        .set(String.class)
        .smembers(index(accountId))
        .flatMap(
            ids -> {
              ids.remove(keptSessionId);
              if (ids.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              String[] keys = ids.stream().map(Sessions::key).toArray(String[]::new);
              return redis
                  .key()
                  .del(keys)
                  .flatMap(
                      ignored ->
                          redis
                              .set(String.class)
                              .srem(index(accountId), ids.toArray(String[]::new)))
                  .replaceWithVoid();
            });
  }

  /** The Redis key of a session. */
  public static String key(String sessionId) {
    return "session:" + sessionId;
  }

  /** The session id of a token: its SHA-256, hex. */
  public static String idOf(String token) {
    return Digests.sha256Hex(token);
  }

  private static String index(String accountId) {
    return "account-sessions:" + accountId;
  }
}
