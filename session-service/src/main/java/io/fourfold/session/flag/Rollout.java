package io.fourfold.session.flag;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which accounts a partial rollout reaches. Each account falls in one of 10,000 buckets per flag,
 * from the first 8 bytes of SHA-256(flag key, account id): stable across requests, instances and
 * restarts, independent between flags, and raising the percent only ever adds accounts.
 */
public final class Rollout {

  /** How many buckets the accounts are spread over: one bucket is 0.01 %. */
  public static final int BUCKETS = 10_000;

  private Rollout() {}

  /** The account's bucket for this flag, in 0..9,999. */
  public static int bucket(String flagKey, String accountId) {
    byte[] digest = sha256(flagKey + '\n' + accountId);
    long first8 = ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    return (int) Long.remainderUnsigned(first8, BUCKETS);
  }

  /** Whether a rollout to {@code percent} % of accounts includes this account. */
  public static boolean includes(String flagKey, String accountId, int percent) {
    return bucket(flagKey, accountId) < percent * (BUCKETS / 100);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
