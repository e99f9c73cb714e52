package io.fourfold.schema.personal;

import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/** {@link DataKeys} held in memory, for tests and tools; keys are lost when the process ends. */
public final class InMemoryDataKeys implements DataKeys {

  private final Map<String, SecretKey> keys = new HashMap<>();
  private final Set<String> destroyed = new HashSet<>();

  @Override
  public synchronized Optional<SecretKey> find(String accountId) {
    return Optional.ofNullable(keys.get(accountId));
  }

  @Override
  public synchronized SecretKey findOrCreate(String accountId) {
    if (destroyed.contains(accountId)) {
      throw new IllegalStateException(
          "the personal-data key of account " + accountId + " was destroyed");
    }
    return keys.computeIfAbsent(accountId, id -> newKey());
  }

  @Override
  public synchronized void destroy(String accountId) {
    // Dropping the reference is all that can be done: SecretKeySpec cannot wipe its bytes.
    keys.remove(accountId);
    destroyed.add(accountId);
  }

  private static SecretKey newKey() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256);
      return generator.generateKey();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has AES", e);
    }
  }
}
