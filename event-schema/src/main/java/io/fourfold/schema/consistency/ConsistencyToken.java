package io.fourfold.schema.consistency;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * What a command answers in {@code X-Consistency-Token}: the aggregate it changed and the sequence
 * of the last event it wrote. A read that sends it back waits until its projection has applied that
 * sequence of that aggregate. Opaque to clients (base64url), so its layout may change.
 *
 * @param aggregateId the id of the aggregate the command changed
 * @param sequence the aggregate sequence number of the last event the command wrote
 */
public record ConsistencyToken(String aggregateId, long sequence) {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final String PREFIX = "v1:";

  public ConsistencyToken {
    Objects.requireNonNull(aggregateId, "aggregateId");
    if (aggregateId.isBlank()) {
      throw new IllegalArgumentException("aggregateId must not be blank");
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative: " + sequence);
    }
  }

  /** The opaque header value of this token. */
  public String encode() {
    String plain = PREFIX + sequence + ":" + aggregateId;
    return ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads one opaque token.
   *
   * @throws IllegalArgumentException when the value is not a token this version wrote
   */
  public static ConsistencyToken decode(String value) {
    String plain;
    try {
      plain = new String(DECODER.decode(value.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a consistency token: " + value, e);
    }
    int sep = plain.indexOf(':', PREFIX.length());
    if (!plain.startsWith(PREFIX) || sep < 0) {
      throw new IllegalArgumentException("not a consistency token: " + value);
    }
    try {
      long sequence = Long.parseLong(plain.substring(PREFIX.length(), sep));
      return new ConsistencyToken(plain.substring(sep + 1), sequence);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a consistency token: " + value, e);
    }
  }

  /** Reads a header value holding one or more comma-separated tokens. */
  public static List<ConsistencyToken> decodeAll(String headerValue) {
    List<ConsistencyToken> tokens = new ArrayList<>();
    for (String part : headerValue.split(",")) {
      if (!part.isBlank()) {
        tokens.add(decode(part));
      }
    }
    return List.copyOf(tokens);
  }
}
