package io.fourfold.schema.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.schema.codec.EventCodec;
import org.junit.jupiter.api.Test;

class AccountEventsTest {

  private final ObjectMapper mapper = EventCodec.newObjectMapper();

  @Test
  void theAggregateIdOfAnAccountEventIsItsAccountId() {
    assertThat(AccountSamples.events())
        .allSatisfy(event -> assertThat(event.aggregateId()).isEqualTo(event.accountId()));
  }

  @Test
  void theAggregateIdIsNotWrittenIntoTheJson() {
    for (AccountEvent event : AccountSamples.events()) {
      JsonNode json = mapper.valueToTree(event);

      assertThat(json.has("aggregateId")).as(event.getClass().getSimpleName()).isFalse();
      assertThat(json.get("accountId").asText()).isEqualTo(AccountSamples.ACCOUNT);
    }
  }

  @Test
  void anEventWithoutAnAccountIdCannotBeBuilt() {
    assertThatThrownBy(() -> new AccountErased(" ", AccountSamples.AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accountId");
    assertThatThrownBy(() -> new AccountErased(null, AccountSamples.AT))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aRegistrationEventAcceptsARoleThisVersionDoesNotKnowBecauseHistoryIsNotRejected() {
    AccountRegistered registered = (AccountRegistered) AccountSamples.events().get(0);

    AccountRegistered withNewerRole =
        new AccountRegistered(
            registered.accountId(),
            registered.email(),
            registered.displayName(),
            registered.passwordHash(),
            "auditor",
            registered.registeredAt());

    assertThat(withNewerRole.role()).isEqualTo("auditor");
  }
}
