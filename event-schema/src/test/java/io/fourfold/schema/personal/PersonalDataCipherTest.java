package io.fourfold.schema.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {

  private final DataKeys keys = new InMemoryDataKeys();
  private final PersonalDataCipher cipher = new PersonalDataCipher(keys);

  @Test
  void aSealedValueOpensToItsPlaintext() {
    PersonalData sealed = cipher.seal("acc-1", "Zoë <zoe@example.org>");

    assertThat(cipher.open("acc-1", sealed)).contains("Zoë <zoe@example.org>");
    assertThat(cipher.openOrRedacted("acc-1", sealed)).isEqualTo("Zoë <zoe@example.org>");
  }

  @Test
  void twoSealsOfTheSameTextDiffer() {
    assertThat(cipher.seal("acc-1", "same")).isNotEqualTo(cipher.seal("acc-1", "same"));
  }

  @Test
  void destroyingTheKeyRedactsEverySealedValueWithoutAnException() {
    PersonalData sealed = cipher.seal("acc-1", "ada@example.org");

    keys.destroy("acc-1");

    assertThat(cipher.open("acc-1", sealed)).isEmpty();
    assertThat(cipher.openOrRedacted("acc-1", sealed)).isEqualTo(PersonalDataCipher.REDACTED);
  }

  @Test
  void nothingCanBeSealedForAnErasedAccount() {
    keys.destroy("acc-1");

    assertThatThrownBy(() -> cipher.seal("acc-1", "back again"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("destroyed");
  }

  @Test
  void aValueCopiedIntoAnotherAccountDoesNotOpen() {
    PersonalData sealedForOne = cipher.seal("acc-1", "ada@example.org");
    cipher.seal("acc-2", "anything"); // acc-2 has a key of its own

    assertThatThrownBy(() -> cipher.open("acc-2", sealedForOne))
        .isInstanceOf(TamperedPersonalDataException.class)
        .hasMessageContaining("acc-2");
  }

  @Test
  void aValueOfAnAccountWithoutAKeyReadsAsRedacted() {
    PersonalData sealedForOne = cipher.seal("acc-1", "ada@example.org");

    assertThat(cipher.openOrRedacted("never-registered", sealedForOne))
        .isEqualTo(PersonalDataCipher.REDACTED);
  }

  @Test
  void anAlteredValueIsReportedAsTampering() {
    byte[] bytes = cipher.seal("acc-1", "ada@example.org").bytes();
    bytes[bytes.length - 1] ^= 1;

    assertThatThrownBy(() -> cipher.open("acc-1", PersonalData.of(bytes)))
        .isInstanceOf(TamperedPersonalDataException.class);
  }

  @Test
  void aThreadOpensAndSealsOnAfterMeetingATamperedValue() {
    // Each thread reuses one Cipher: a failed open must leave it fit for the next call.
    PersonalData good = cipher.seal("acc-1", "ada@example.org");
    byte[] bytes = cipher.seal("acc-1", "eve@example.org").bytes();
    bytes[bytes.length - 1] ^= 1;
    assertThatThrownBy(() -> cipher.open("acc-1", PersonalData.of(bytes)))
        .isInstanceOf(TamperedPersonalDataException.class);

    assertThat(cipher.open("acc-1", good)).contains("ada@example.org");
    assertThat(cipher.open("acc-2", cipher.seal("acc-2", "zoë"))).contains("zoë");
  }
}
