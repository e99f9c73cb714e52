package io.fourfold.account.command;

import io.fourfold.schema.AggregateCommand;
import io.fourfold.schema.account.AccountEmailChanged;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountPasswordChanged;
import io.fourfold.schema.account.AccountProfileChanged;
import io.fourfold.schema.account.AccountReactivated;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountRole;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.account.ChangeEmail;
import io.fourfold.schema.account.ChangePassword;
import io.fourfold.schema.account.ChangeProfile;
import io.fourfold.schema.account.EraseAccount;
import io.fourfold.schema.account.ReactivateAccount;
import io.fourfold.schema.account.RegisterAccount;
import io.fourfold.schema.account.SuspendAccount;
import io.fourfold.schema.personal.InMemoryDataKeys;
import io.fourfold.schema.personal.PersonalData;
import io.fourfold.schema.personal.PersonalDataCipher;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The account aggregate's decisions, in given/when/expect form. */
class AccountTest {

  private static final String ID = "0b7f3c1e-5d7a-4c1b-9a57-6f1f0d2c8e11";
  private static final Instant REGISTERED_AT = Instant.parse("2024-03-01T09:00:00Z");
  private static final Instant LATER = Instant.parse("2024-03-02T10:30:00Z");
  private static final PersonalDataCipher CIPHER = new PersonalDataCipher(new InMemoryDataKeys());
  private static final PersonalData EMAIL = CIPHER.seal(ID, "ada@example.com");
  private static final PersonalData NAME = CIPHER.seal(ID, "Ada");
  private static final PersonalData HASH = CIPHER.seal(ID, "$2a$10$hash");

  private FixtureConfiguration<Account> fixture;

  @BeforeEach
  void fixture() {
    fixture = new AggregateTestFixture<>(Account.class);
    // The same routing as the event store: commands are event-schema records, not annotated.
    fixture.registerCommandTargetResolver(
        command -> {
          AggregateCommand target = (AggregateCommand) command.getPayload();
          return new VersionedAggregateIdentifier(target.aggregateId(), target.expectedVersion());
        });
  }

  private static AccountRegistered registered() {
    return new AccountRegistered(ID, EMAIL, NAME, HASH, AccountRole.USER, REGISTERED_AT);
  }

  private static AccountSuspended suspended() {
    return new AccountSuspended(ID, "chargeback", LATER);
  }

  private static AccountErased erased() {
    return new AccountErased(ID, LATER);
  }

  @Test
  void registrationRecordsTheAccount() {
    fixture
        .givenNoPriorActivity()
        .when(new RegisterAccount(ID, EMAIL, NAME, HASH, AccountRole.USER, REGISTERED_AT))
        .expectSuccessfulHandlerExecution()
        .expectEvents(registered());
  }

  @Test
  void profileChangeRecordsTheNewNameAndAnswersTheNewVersion() {
    PersonalData newName = CIPHER.seal(ID, "Ada Lovelace");
    fixture
        .given(registered())
        .when(new ChangeProfile(ID, newName, null, LATER))
        .expectEvents(new AccountProfileChanged(ID, newName, LATER))
        .expectResultMessagePayload(1L);
  }

  @Test
  void emailChangeRecordsTheNewEmail() {
    PersonalData newEmail = CIPHER.seal(ID, "lovelace@example.com");
    fixture
        .given(registered())
        .when(new ChangeEmail(ID, newEmail, 0L, LATER))
        .expectEvents(new AccountEmailChanged(ID, newEmail, LATER))
        .expectResultMessagePayload(1L);
  }

  @Test
  void passwordChangeRecordsTheNewHash() {
    PersonalData newHash = CIPHER.seal(ID, "$2a$10$other");
    fixture
        .given(registered(), suspended())
        .when(new ChangePassword(ID, newHash, LATER))
        .expectEvents(new AccountPasswordChanged(ID, newHash, LATER))
        .expectResultMessagePayload(2L);
  }

  @Test
  void suspensionOfAnActiveAccountIsRecorded() {
    fixture
        .given(registered())
        .when(new SuspendAccount(ID, "chargeback", LATER))
        .expectEvents(suspended())
        .expectResultMessagePayload(1L);
  }

  @Test
  void suspendingASuspendedAccountRecordsNothingAndAnswersTheCurrentVersion() {
    fixture
        .given(registered(), suspended())
        .when(new SuspendAccount(ID, "again", LATER))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents()
        .expectResultMessagePayload(1L);
  }

  @Test
  void reactivationOfASuspendedAccountIsRecorded() {
    fixture
        .given(registered(), suspended())
        .when(new ReactivateAccount(ID, "resolved", LATER))
        .expectEvents(new AccountReactivated(ID, "resolved", LATER))
        .expectResultMessagePayload(2L);
  }

  @Test
  void reactivatingAnActiveAccountRecordsNothing() {
    fixture
        .given(registered())
        .when(new ReactivateAccount(ID, "nothing to do", LATER))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents()
        .expectResultMessagePayload(0L);
  }

  @Test
  void erasureIsRecorded() {
    fixture
        .given(registered(), suspended())
        .when(new EraseAccount(ID, LATER))
        .expectEvents(erased())
        .expectResultMessagePayload(2L);
  }

  @Test
  void erasingAnErasedAccountRecordsNothing() {
    fixture
        .given(registered(), erased())
        .when(new EraseAccount(ID, LATER))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents()
        .expectResultMessagePayload(1L);
  }

  static Stream<Object> changes() {
    return Stream.of(
        new ChangeProfile(ID, NAME, null, LATER),
        new ChangeEmail(ID, EMAIL, null, LATER),
        new ChangePassword(ID, HASH, LATER),
        new SuspendAccount(ID, "late", LATER),
        new ReactivateAccount(ID, "late", LATER));
  }

  @ParameterizedTest
  @MethodSource("changes")
  void anyChangeAfterErasureIsRefused(Object change) {
    fixture
        .given(registered(), erased())
        .when(change)
        .expectException(AccountErasedException.class)
        .expectNoEvents();
  }

  @Test
  void aChangeAgainstAnOlderVersionIsRefused() {
    fixture
        .given(registered(), suspended())
        .when(new ChangeProfile(ID, NAME, 0L, LATER))
        .expectException(
            org.axonframework.modelling.command.ConflictingAggregateVersionException.class)
        .expectNoEvents();
  }
}
