package io.fourfold.schema.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsistencyTokenTest {

  @Test
  void aTokenSurvivesItsOwnEncoding() {
    ConsistencyToken token = new ConsistencyToken("acc-1:with:colons", 42);

    assertThat(ConsistencyToken.decode(token.encode())).isEqualTo(token);
  }

  @Test
  void theHeaderValueIsOpaqueAndSafeInAHeader() {
    String encoded = new ConsistencyToken("3f0c1e5a-aaaa-bbbb-cccc-0123456789ab", 7).encode();

    assertThat(encoded).matches("[A-Za-z0-9_-]+").doesNotContain("3f0c1e5a");
  }

  @Test
  void severalTokensAreReadFromOneCommaSeparatedHeader() {
    ConsistencyToken a = new ConsistencyToken("a", 1);
    ConsistencyToken b = new ConsistencyToken("b", 2);

    assertThat(ConsistencyToken.decodeAll(a.encode() + ", " + b.encode())).containsExactly(a, b);
  }

  @Test
  void garbageIsRejectedWithAClearMessage() {
    assertThatThrownBy(() -> ConsistencyToken.decode("not-a-token"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a consistency token");
    assertThatThrownBy(() -> ConsistencyToken.decode("%%%"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
