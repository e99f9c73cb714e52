package io.fourfold.schema.personal;

import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Where each account's personal-data key lives; destroying it shreds that account's personal data
 * in every event ever written, without rewriting history.
 *
 * <p>Contract for every implementation: a destroyed key stays destroyed. {@link #findOrCreate} must
 * refuse an account whose key was destroyed, or data sealed after the erasure would be readable
 * again and data sealed before it would fail to open as if tampered with.
 */
public interface DataKeys {

  /** The account's AES-256 key, or empty when it never existed or was destroyed. */
  Optional<SecretKey> find(String accountId);

  /**
   * The account's AES-256 key, created on first use.
   *
   * @throws IllegalStateException when the account's key was destroyed
   */
  SecretKey findOrCreate(String accountId);

  /** Forgets the account's key for good; idempotent. */
  void destroy(String accountId);

  /**
   * Keys already read, for readers that only open (projections, rebuilds): an account missing from
   * the map, or mapped to null, has no key. The map is used as given, not copied.
   */
  static DataKeys readOnly(Map<String, SecretKey> keys) {
    return new DataKeys() {
      @Override
      public Optional<SecretKey> find(String accountId) {
        return Optional.ofNullable(keys.get(accountId));
      }

      @Override
      public SecretKey findOrCreate(String accountId) {
        throw new UnsupportedOperationException("read-only keys never create one");
      }

      @Override
      public void destroy(String accountId) {
        throw new UnsupportedOperationException("read-only keys never destroy one");
      }
    };
  }
}
