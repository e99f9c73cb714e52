package io.fourfold.schema.personal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Base64;
import java.util.Objects;

/**
 * A piece of personal data as it travels in events and commands: ciphertext sealed under its
 * account's key by {@link PersonalDataCipher}, never plaintext.
 *
 * <p>In JSON it is one string, {@code "pd1:" + base64url(12-byte IV || AES-GCM ciphertext and
 * tag)}. The prefix versions the format so that another algorithm can be introduced later.
 */
public final class PersonalData {

  static final String PREFIX = "pd1:";
  static final int IV_BYTES = 12;
  static final int TAG_BYTES = 16;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final String encoded;
  // Decoded once, when read: a rebuild reads a million sealed values and opens most of them.
  private final byte[] ivAndCiphertext;

  private PersonalData(String encoded, byte[] ivAndCiphertext) {
    this.encoded = encoded;
    this.ivAndCiphertext = ivAndCiphertext;
  }

  static PersonalData of(byte[] ivAndCiphertext) {
    return new PersonalData(
        PREFIX + ENCODER.encodeToString(ivAndCiphertext), ivAndCiphertext.clone());
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException when the value is not sealed personal data
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static PersonalData parse(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    // Messages never quote the value: a caller passing plaintext by mistake must not log it.
    if (!encoded.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "not sealed personal data: expected the " + PREFIX + " prefix");
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(encoded.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not sealed personal data: not base64url", e);
    }
    if (bytes.length < IV_BYTES + TAG_BYTES) {
      throw new IllegalArgumentException("not sealed personal data: too short");
    }
    return new PersonalData(encoded, bytes);
  }

  /** The JSON form: {@code pd1:} followed by base64url. */
  @JsonValue
  public String encoded() {
    return encoded;
  }

  /** The IV and ciphertext; the cipher only reads them. */
  byte[] bytes() {
    return ivAndCiphertext;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PersonalData that && encoded.equals(that.encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  /** Reveals nothing, not even the ciphertext's length, so events can be logged safely. */
  @Override
  public String toString() {
    return "PersonalData[sealed]";
  }
}
