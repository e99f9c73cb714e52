package io.fourfold.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.EventType;
import io.fourfold.schema.account.AccountEvent;
import io.fourfold.schema.account.AccountRegistered;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventTypesTest {

  private final EventTypes standard = EventTypes.standard();

  @Test
  void namesAndClassesMapBothWays() {
    RegisteredEventType type = standard.byName("account.registered");

    assertThat(type.eventClass()).isEqualTo(AccountRegistered.class);
    assertThat(type.revision()).isEqualTo(1);
    assertThat(standard.byClass(AccountRegistered.class)).isEqualTo(type);
  }

  @Test
  void theEventNamesAreTheReleasedOnes() {
    // Stored events carry these names forever: a rename is a new event type plus an upcaster.
    assertThat(standard.all())
        .extracting(RegisteredEventType::name)
        .containsExactlyInAnyOrder(
            "account.registered",
            "account.profile-changed",
            "account.email-changed",
            "account.password-changed",
            "account.suspended",
            "account.reactivated",
            "account.erased",
            "billing.subscription-started",
            "billing.subscription-changed",
            "billing.subscription-cancelled",
            "billing.invoice-issued",
            "billing.invoice-payment-received",
            "billing.invoice-paid",
            "flag.changed",
            "blob.uploaded",
            "blob.deleted",
            "export.requested",
            "export.completed",
            "export.failed");
  }

  @Test
  void everyAccountEventIsRegistered() {
    List<Class<?>> permitted = Arrays.asList(AccountEvent.class.getPermittedSubclasses());

    assertThat(standard.all())
        .<Class<?>>map(RegisteredEventType::eventClass)
        .containsAll(permitted);
  }

  @Test
  void everyEventClassInTheSchemaIsRegistered() throws Exception {
    List<Class<?>> eventClasses =
        schemaClasses()
            .filter(c -> !c.isInterface())
            .filter(
                c ->
                    DomainEvent.class.isAssignableFrom(c) || c.isAnnotationPresent(EventType.class))
            .toList();

    assertThat(eventClasses).hasSizeGreaterThanOrEqualTo(7);
    assertThat(standard.all())
        .<Class<?>>map(RegisteredEventType::eventClass)
        .containsExactlyInAnyOrderElementsOf(eventClasses);
  }

  @Test
  void aNameClaimedTwiceIsRejected() {
    assertThatThrownBy(() -> EventTypes.of(List.of(AccountRegistered.class, Impostor.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("account.registered");
  }

  @Test
  void aClassWithoutEventTypeIsRejected() {
    assertThatThrownBy(() -> EventTypes.of(List.of(Unnamed.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no @EventType");
  }

  @Test
  void anUnknownNameIsReportedByName() {
    assertThatThrownBy(() -> standard.byName("nope.never"))
        .isInstanceOf(UnknownEventTypeException.class)
        .hasMessageContaining("nope.never");
  }

  /** Every class compiled from src/main, found by walking the output directory. */
  private static Stream<Class<?>> schemaClasses() throws IOException, URISyntaxException {
    Path root =
        Path.of(DomainEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).toList();
    }
    return files.stream()
        .map(p -> root.relativize(p).toString().replace(root.getFileSystem().getSeparator(), "."))
        .map(name -> name.substring(0, name.length() - ".class".length()))
        .map(EventTypesTest::load);
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, EventTypesTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @EventType(name = "account.registered", revision = 1)
  private record Impostor(String accountId) implements DomainEvent {
    @Override
    public String aggregateId() {
      return accountId;
    }
  }

  private record Unnamed(String id) implements DomainEvent {
    @Override
    public String aggregateId() {
      return id;
    }
  }
}
