package io.fourfold.session.config;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run atomically inside Redis, by its SHA-1 (sent once, then cached by Redis; sent
 * again after a Redis restart emptied its script cache).
 */
public final class LuaScript {

  private final String source;
  private final String sha;
  private volatile LuaScript perGroup;

  private LuaScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  /** Loads a script from the class path, e.g. {@code redis/authenticate.lua}. */
  public static LuaScript load(String resource) {
    try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing script " + resource);
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the script with the given keys and arguments. */
  public Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, String... args) {
    return redis
        .execute("EVALSHA", arguments(sha, keys, args))
        .onFailure(failure -> String.valueOf(failure.getMessage()).contains("NOSCRIPT"))
        .recoverWithUni(() -> redis.execute("EVAL", arguments(source, keys, args)));
  }

  /**
   * Runs the script with the given keys and arguments, or does nothing when there are none (null:
   * an event the caller's projection does not use).
   */
  public Uni<Void> runUnlessNone(ReactiveRedisDataSource redis, List<String> keys, String[] args) {
    return args == null ? Uni.createFrom().voidItem() : run(redis, keys, args).replaceWithVoid();
  }

  /**
   * The script's call as one request by its SHA-1, for many requests sent at once ({@code
   * redis.getRedis().batch}): {@link #cache} it first, since a batch cannot fall back to the
   * source.
   */
  public Request request(List<String> keys, String... args) {
    Request request = Request.cmd(Command.EVALSHA).arg(sha).arg(keys.size());
    for (String key : keys) {
      request.arg(key);
    }
    for (String arg : args) {
      request.arg(arg);
    }
    return request;
  }

  /**
   * This script run once per group of arguments in one call, for bulk writes: its {@code ARGV} is
   * each group's length followed by the group's arguments, every run gets the same {@code KEYS},
   * and the call answers the runs' answers in order. The script's own text is the body of a
   * function whose parameters {@code KEYS} and {@code ARGV} stand for the call's, so it runs
   * unchanged: there is one copy of what it does.
   */
  public LuaScript perGroup() {
    LuaScript wrapped = perGroup;
    if (wrapped == null) {
      wrapped =
          new LuaScript(
              "local function run(KEYS, ARGV)\n"
                  + source
                  + "\nend\n"
                  + "local answers, i = {}, 1\n"
                  + "while i <= #ARGV do\n"
                  + "  local n = tonumber(ARGV[i])\n"
                  + "  answers[#answers + 1] = run(KEYS, {unpack(ARGV, i + 1, i + n)})\n"
                  + "  i = i + n + 1\n"
                  + "end\n"
                  + "return answers\n");
      perGroup = wrapped;
    }
    return wrapped;
  }

  /** Makes Redis cache the script, so that {@link #request}s find it by its SHA-1. */
  public Uni<Void> cache(ReactiveRedisDataSource redis) {
    return redis.execute("SCRIPT", "LOAD", source).replaceWithVoid();
  }

  private static String[] arguments(String script, List<String> keys, String... args) {
    List<String> all = new ArrayList<>();
    all.add(script);
    all.add(String.valueOf(keys.size()));
    all.addAll(keys);
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  private static String sha1(String source) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }
}
