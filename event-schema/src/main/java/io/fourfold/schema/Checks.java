package io.fourfold.schema;

import java.util.Objects;

/** Argument checks shared by the compact constructors of events and commands. */
public final class Checks {

  private Checks() {}

  /** Returns {@code value}, or throws when it is null or blank. */
  public static String nonBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /**
   * Returns {@code version}, or throws when it is present and negative ({@code null} = no check).
   */
  public static Long optionalVersion(Long version, String name) {
    if (version != null && version < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + version);
    }
    return version;
  }

  /** Returns {@code value}, or throws when it is zero or negative. */
  public static int positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }

  /** Returns {@code value}, or throws unless it is 64 lowercase hex digits (a SHA-256 digest). */
  public static String sha256(String value, String name) {
    Objects.requireNonNull(value, name);
    if (!value.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(name + " must be 64 lowercase hex digits");
    }
    return value;
  }
}
