package io.fourfold.session.auth;

import io.fourfold.session.config.LuaScript;
import io.fourfold.session.config.RateLimitConfig;
import io.fourfold.session.config.SessionConfig;
import io.fourfold.session.signin.Sessions;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/** Decides who a request comes from and whether it is within its rate limit: one Redis trip. */
@ApplicationScoped
public class Authenticator {

  private static final LuaScript AUTHENTICATE = LuaScript.load("redis/authenticate.lua");
  private static final LuaScript COUNT = LuaScript.load("redis/count.lua");

  private final ReactiveRedisDataSource redis;
  private final SessionConfig sessions;
  private final RateLimitConfig limits;
  private final Clock clock = Clock.systemUTC();

  public Authenticator(
      ReactiveRedisDataSource redis, SessionConfig sessions, RateLimitConfig limits) {
    this.redis = redis;
    this.sessions = sessions;
    this.limits = limits;
  }

  /** The outcome for one request. */
  sealed interface Decision {}

  /** A valid session of an active account, within or over its limit. */
  record Authenticated(String accountId, String role, String sessionId, RateLimitHeaders limit)
      implements Decision {}

  /** A public endpoint, counted against the client's address. */
  record Anonymous(RateLimitHeaders limit) implements Decision {}

  /** No usable session. */
  record Unauthenticated() implements Decision {}

  Uni<Decision> authenticate(String token, boolean publicEndpoint, String clientAddress) {
    if (token == null) {
      return publicEndpoint
          ? anonymous(clientAddress)
          : Uni.createFrom().item(new Unauthenticated());
    }
    String sessionId = Sessions.idOf(token);
    long now = clock.instant().getEpochSecond();
    return AUTHENTICATE
        .run(
            redis,
            List.of(Sessions.key(sessionId)),
            String.valueOf(sessions.idleTimeout().toSeconds()),
            String.valueOf(now),
            String.valueOf(limits.window().toSeconds()),
            String.valueOf(limits.defaultPerMinute()),
            limits.defaultPlan())
        .flatMap(
            result -> {
              if (result.get(0).toInteger() != 1) {
                // An expired or revoked token still lets a client reach a public endpoint.
                return publicEndpoint
                    ? anonymous(clientAddress)
                    : Uni.createFrom().item(new Unauthenticated());
              }
              return Uni.createFrom().item(authenticated(result, sessionId));
            });
  }

  private static Decision authenticated(Response result, String sessionId) {
    return new Authenticated(
        result.get(1).toString(),
        result.get(2).toString(),
        sessionId,
        new RateLimitHeaders(
            result.get(3).toLong(), result.get(4).toLong(), result.get(5).toLong()));
  }

  private Uni<Decision> anonymous(String clientAddress) {
    long now = clock.instant().getEpochSecond();
    int limit = limits.publicPerMinute();
    return COUNT
        .run(
            redis,
            List.of("rate:address:" + clientAddress),
            String.valueOf(now),
            String.valueOf(limits.window().toSeconds()))
        .map(
            result ->
                new Anonymous(
                    new RateLimitHeaders(limit, result.get(0).toLong(), result.get(1).toLong())));
  }
}
