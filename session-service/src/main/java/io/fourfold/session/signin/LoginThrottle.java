package io.fourfold.session.signin;

import io.fourfold.session.config.LoginConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * Slows down password guessing: failed sign-ins are counted per email and per client address, and
 * past the limit sign-in is refused (429) for the rest of the window, right or wrong password.
 */
@ApplicationScoped
public class LoginThrottle {

  private final ReactiveRedisDataSource redis;
  private final LoginConfig config;

  public LoginThrottle(ReactiveRedisDataSource redis, LoginConfig config) {
    this.redis = redis;
    this.config = config;
  }

  /** Seconds to wait before trying again, or 0 when sign-in may be tried now. */
  public Uni<Long> retryAfter(String email, String address) {
    return failures(emailKey(email))
        .flatMap(
            byEmail ->
                byEmail >= config.maxFailuresPerEmail()
                    ? redis.key().ttl(emailKey(email))
                    : failures(addressKey(address))
                        .flatMap(
                            byAddress ->
                                byAddress >= config.maxFailuresPerAddress()
                                    ? redis.key().ttl(addressKey(address))
                                    : Uni.createFrom().item(0L)))
        .map(ttl -> Math.max(0, ttl));
  }

  /** Counts one failure against the email and the address. */
  public Uni<Void> failed(String email, String address) {
    long window = config.failureWindow().toSeconds();
    return count(emailKey(email), window).flatMap(ignored -> count(addressKey(address), window));
  }

  private Uni<Long> failures(String key) {
    return redis.value(Long.class).get(key).map(n -> n == null ? 0L : n);
  }

  private Uni<Void> count(String key, long window) {
    return redis
        .value(Long.class)
        .incr(key)
        .flatMap(
            n ->
                n == 1
                    ? redis.key().expire(key, window).replaceWithVoid()
                    : Uni.createFrom().voidItem());
  }

  private static String emailKey(String email) {
    return "login-failures:email:" + Sessions.idOf(email.trim().toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "login-failures:address:" + address;
  }
}
