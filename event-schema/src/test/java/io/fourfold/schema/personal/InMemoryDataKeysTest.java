package io.fourfold.schema.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryDataKeysTest {

  private final InMemoryDataKeys keys = new InMemoryDataKeys();

  @Test
  void eachAccountGetsOneStableAes256Key() {
    assertThat(keys.find("acc-1")).isEmpty();

    assertThat(keys.findOrCreate("acc-1")).isSameAs(keys.findOrCreate("acc-1"));
    assertThat(keys.find("acc-1")).containsSame(keys.findOrCreate("acc-1"));
    assertThat(keys.findOrCreate("acc-1").getEncoded()).hasSize(32);
    assertThat(keys.findOrCreate("acc-2")).isNotEqualTo(keys.findOrCreate("acc-1"));
  }

  @Test
  void aDestroyedKeyStaysDestroyed() {
    keys.findOrCreate("acc-1");

    keys.destroy("acc-1");
    keys.destroy("acc-1");

    assertThat(keys.find("acc-1")).isEmpty();
    assertThatThrownBy(() -> keys.findOrCreate("acc-1")).isInstanceOf(IllegalStateException.class);
  }
}
