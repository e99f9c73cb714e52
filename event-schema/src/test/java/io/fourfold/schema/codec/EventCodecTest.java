package io.fourfold.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.account.AccountEvent;
import io.fourfold.schema.account.AccountSamples;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.billing.BillingEventsTest;
import io.fourfold.schema.blob.BlobAndExportEventsTest;
import io.fourfold.schema.flag.FeatureFlagChanged;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

  private final EventCodec codec = EventCodec.standard();

  static Stream<AccountEvent> samples() {
    return AccountSamples.events().stream();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyAccountEventSurvivesEncodeAndDecode(AccountEvent event) {
    RegisteredEventType type = codec.types().byClass(event.getClass());

    DomainEvent decoded = codec.decode(type.name(), type.revision(), codec.encode(event));

    assertThat(decoded).isEqualTo(event);
  }

  @Test
  void thereIsASampleOfEveryRegisteredEvent() {
    List<DomainEvent> all = new ArrayList<>(AccountSamples.events());
    all.addAll(BillingEventsTest.samples());
    all.addAll(BlobAndExportEventsTest.samples());
    all.add(
        new FeatureFlagChanged(
            "new-checkout",
            true,
            25,
            List.of(AccountSamples.ACCOUNT),
            List.of(),
            AccountSamples.AT));
    all.forEach(
        event -> {
          RegisteredEventType type = codec.types().byClass(event.getClass());
          assertThat(codec.decode(type.name(), type.revision(), codec.encode(event)))
              .isEqualTo(event);
        });
    List<Class<?>> sampled = all.stream().<Class<?>>map(Object::getClass).toList();

    assertThat(codec.types().all())
        .<Class<?>>map(RegisteredEventType::eventClass)
        .containsExactlyInAnyOrderElementsOf(sampled);
  }

  @Test
  void instantsAreWrittenAsIsoStringsAndNothingElseIsAdded() {
    AccountSuspended event =
        new AccountSuspended("acc-1", "fraud", Instant.parse("2025-01-02T03:04:05.123Z"));

    assertThat(new String(codec.encode(event), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"accountId\":\"acc-1\",\"reason\":\"fraud\",\"suspendedAt\":\"2025-01-02T03:04:05.123Z\"}");
  }

  @Test
  void fieldsAddedByANewerProducerAreIgnored() {
    byte[] json =
        "{\"accountId\":\"acc-1\",\"erasedAt\":\"2025-01-01T00:00:00Z\",\"by\":\"gdpr-bot\"}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(codec.decode("account.erased", 1, json))
        .hasFieldOrPropertyWithValue("accountId", "acc-1");
  }

  @Test
  void anUnknownTypeNameFailsWithItsOwnException() {
    assertThatThrownBy(
            () -> codec.decode("account.teleported", 1, "{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnknownEventTypeException.class)
        .hasMessageContaining("account.teleported");
  }

  @Test
  void aRevisionNewerThanThisSchemaIsRefusedRatherThanMisread() {
    assertThatThrownBy(
            () -> codec.decode("account.erased", 2, "{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("newer");
  }

  @Test
  void anOlderRevisionWithoutAnUpcasterFailsClearly() {
    assertThatThrownBy(
            () -> codec.decode("account.erased", 0, "{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no upcaster for account.erased from revision 0 to 1");
  }

  @Test
  void jsonTheEventRejectsIsADecodingError() {
    byte[] json =
        "{\"accountId\":\"\",\"erasedAt\":\"2025-01-01T00:00:00Z\"}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode("account.erased", 1, json))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("accountId must not be blank");
  }

  @Test
  void anUnregisteredEventCannotBeEncoded() {
    DomainEvent stray = () -> "acc-1";

    assertThatThrownBy(() -> codec.encode(stray)).isInstanceOf(UnknownEventTypeException.class);
  }
}
