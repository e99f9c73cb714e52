package io.fourfold.account.application;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.util.Objects;

/**
 * A password as bcrypt keeps it. Hashing and checking take tens of milliseconds of CPU on purpose,
 * so callers do both before they hand a command to group commit, never inside the transaction that
 * other commands share.
 */
public record HashedPassword(String bcrypt) {

  public HashedPassword {
    Objects.requireNonNull(bcrypt, "bcrypt");
  }

  /** Hashes a new password (slow by design). */
  public static HashedPassword of(String password) {
    return new HashedPassword(BcryptUtil.bcryptHash(password));
  }

  /**
   * @throws WrongPasswordException unless {@code password} is the one behind {@code bcrypt}
   */
  public static void requireMatch(String password, String bcrypt) {
    if (!BcryptUtil.matches(password, bcrypt)) {
      throw new WrongPasswordException();
    }
  }
}
