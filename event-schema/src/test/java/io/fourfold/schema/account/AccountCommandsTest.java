package io.fourfold.schema.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fourfold.schema.AggregateCommand;
import io.fourfold.schema.codec.EventCodec;
import io.fourfold.schema.personal.InMemoryDataKeys;
import io.fourfold.schema.personal.PersonalData;
import io.fourfold.schema.personal.PersonalDataCipher;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountCommandsTest {

  private static final String ID = "acc-1";
  private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

  private final PersonalDataCipher cipher = new PersonalDataCipher(new InMemoryDataKeys());
  private final PersonalData sealed = cipher.seal(ID, "x");

  @Test
  void everyCommandIsAddressedToItsAccount() {
    assertThat(allCommands())
        .allSatisfy(command -> assertThat(command.aggregateId()).isEqualTo(ID));
  }

  @Test
  void onlyProfileAndEmailChangesCarryAnExpectedVersion() {
    assertThat(new ChangeProfile(ID, sealed, 4L, AT).expectedVersion()).isEqualTo(4L);
    assertThat(new ChangeEmail(ID, sealed, null, AT).expectedVersion()).isNull();
    assertThat(new SuspendAccount(ID, "fraud", AT).expectedVersion()).isNull();
  }

  @Test
  void aCommandsJsonHoldsOnlyItsComponents() {
    JsonNode json = EventCodec.newObjectMapper().valueToTree(new SuspendAccount(ID, "fraud", AT));

    assertThat(json.fieldNames()).toIterable().containsExactly("accountId", "reason", "at");
  }

  @Test
  void registrationRejectsARoleOtherThanUserOrAdmin() {
    assertThatThrownBy(() -> new RegisterAccount(ID, sealed, sealed, sealed, "root", AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("role");
    assertThat(new RegisterAccount(ID, sealed, sealed, sealed, AccountRole.ADMIN, AT).role())
        .isEqualTo("admin");
  }

  @Test
  void aNegativeExpectedVersionIsRejected() {
    assertThatThrownBy(() -> new ChangeProfile(ID, sealed, -1L, AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedVersion");
  }

  @Test
  void suspendingNeedsAReason() {
    assertThatThrownBy(() -> new SuspendAccount(ID, "  ", AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reason");
  }

  private List<AggregateCommand> allCommands() {
    return List.of(
        new RegisterAccount(ID, sealed, sealed, sealed, AccountRole.USER, AT),
        new ChangeProfile(ID, sealed, 1L, AT),
        new ChangeEmail(ID, sealed, 1L, AT),
        new ChangePassword(ID, sealed, AT),
        new SuspendAccount(ID, "fraud", AT),
        new ReactivateAccount(ID, "cleared", AT),
        new EraseAccount(ID, AT));
  }
}
