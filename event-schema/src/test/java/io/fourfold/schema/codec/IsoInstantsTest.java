package io.fourfold.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

  @Test
  void readsWhatInstantWritesAsInstantReadsIt() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-62_135_596_800L, 253_402_300_799L),
              switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
              });
      assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
    }
  }

  @Test
  void writesWhatInstantWrites() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(-62_200_000_000L, 253_500_000_000L),
              switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
              });
      assertThat(IsoInstants.append(new StringBuilder("at "), instant))
          .hasToString("at " + instant);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-29T06:38:21Z",
        "2026-11-29T06:38:21.1Z",
        "2026-11-29T06:38:21.123456789Z",
        "2026-11-29T07:38:21+01:00",
        "2026-11-29T06:38:21.5-02:30",
        "+12026-11-29T06:38:21Z",
        "2024-02-29T23:59:59.999Z",
        "2026-11-29T24:00:00Z",
        "2026-11-29T06:38:21.Z"
      })
  void answersAsInstantParseForAnyIsoInstant(String text) {
    assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-13-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-11-29T06:60:00Z",
        "2026-11-29T06:38:21.1234567890Z",
        "2026-11-29 06:38:21Z",
        "2026-11-29T06:38:2xZ",
        "not a time at all, really"
      })
  void refusesWhatInstantParseRefuses(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void theCodecsMapperReadsInstantsFromStringsAndNumbers() throws Exception {
    ObjectMapper mapper = EventCodec.newObjectMapper();
    assertThat(mapper.readValue("\"2026-11-29T06:38:21.5Z\"", Instant.class))
        .isEqualTo(Instant.parse("2026-11-29T06:38:21.5Z"));
    assertThat(mapper.readValue("\"2026-11-29T07:38:21+01:00\"", Instant.class))
        .isEqualTo(Instant.parse("2026-11-29T06:38:21Z"));
    assertThat(mapper.readValue("1764398301.5", Instant.class))
        .isEqualTo(Instant.ofEpochSecond(1_764_398_301L, 500_000_000));
  }
}
