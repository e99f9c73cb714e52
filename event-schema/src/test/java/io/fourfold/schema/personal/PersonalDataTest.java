package io.fourfold.schema.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

  // A plain mapper: any client's Jackson must read and write the same single string.
  private final ObjectMapper mapper = new ObjectMapper();
  private final PersonalDataCipher cipher = new PersonalDataCipher(new InMemoryDataKeys());

  @Test
  void inJsonASealedValueIsOnePrefixedBase64urlString() throws Exception {
    PersonalData sealed = cipher.seal("acc-1", "ada@example.org");

    JsonNode json = mapper.valueToTree(sealed);

    assertThat(json.isTextual()).isTrue();
    // 12-byte IV + 15 bytes of text + 16-byte tag = 43 bytes = 58 base64url characters.
    assertThat(json.asText()).matches("pd1:[A-Za-z0-9_-]{58}").doesNotContain("ada");
    assertThat(mapper.treeToValue(json, PersonalData.class)).isEqualTo(sealed);
  }

  @Test
  void toStringRevealsNothing() {
    PersonalData sealed = cipher.seal("acc-1", "ada@example.org");

    assertThat(sealed.toString()).isEqualTo("PersonalData[sealed]");
  }

  @Test
  void plaintextIsNotAcceptedAsSealedDataAndIsNotEchoedInTheError() {
    assertThatThrownBy(() -> PersonalData.parse("ada@example.org"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("ada");
    assertThatThrownBy(() -> PersonalData.parse("pd1:not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PersonalData.parse("pd1:AAAA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too short");
  }
}
