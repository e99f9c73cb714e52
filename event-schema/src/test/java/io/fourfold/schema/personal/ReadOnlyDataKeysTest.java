package io.fourfold.schema.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Keys read beforehand open what they hold, say nothing of the rest, and never change. */
class ReadOnlyDataKeysTest {

  private final SecretKey key = new SecretKeySpec(new byte[32], "AES");

  @Test
  void findsWhatWasReadAndNothingElse() {
    Map<String, SecretKey> read = new HashMap<>();
    read.put("kept", key);
    read.put("erased", null); // read, and found destroyed
    DataKeys keys = DataKeys.readOnly(read);

    assertThat(keys.find("kept")).contains(key);
    assertThat(keys.find("erased")).isEmpty();
    assertThat(keys.find("never-read")).isEmpty();
  }

  @Test
  void neverCreatesNorDestroysAKey() {
    DataKeys keys = DataKeys.readOnly(Map.of("kept", key));

    assertThatThrownBy(() -> keys.findOrCreate("other"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> keys.destroy("kept"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(keys.find("kept")).contains(key);
  }
}
