package io.fourfold.account.application;

import io.fourfold.eventing.privacy.JdbcDataKeys;
import io.fourfold.eventing.store.AxonEventStore;
import io.fourfold.schema.account.ChangeEmail;
import io.fourfold.schema.account.ChangePassword;
import io.fourfold.schema.account.ChangeProfile;
import io.fourfold.schema.account.EraseAccount;
import io.fourfold.schema.account.ReactivateAccount;
import io.fourfold.schema.account.RegisterAccount;
import io.fourfold.schema.account.SuspendAccount;
import io.fourfold.schema.personal.PersonalDataCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The account use cases: each seals personal data with the account's key, sends one command and,
 * where a rule spans accounts (one email, one account), updates the claim in the same transaction
 * as the events.
 */
@ApplicationScoped
public class AccountCommands {

  private final AxonEventStore eventStore;
  private final EmailClaims emails;
  private final PersonalDataCipher cipher;
  private final JdbcDataKeys keys;
  private final Clock clock = Clock.systemUTC();

  public AccountCommands(
      AxonEventStore eventStore, EmailClaims emails, PersonalDataCipher cipher, JdbcDataKeys keys) {
    this.eventStore = eventStore;
    this.emails = emails;
    this.cipher = cipher;
    this.keys = keys;
  }

  /** Registers a new account; its first event has sequence 0. */
  @Transactional
  public RegisteredAccount register(
      String email, String displayName, HashedPassword password, String role) {
    String id = UUID.randomUUID().toString();
    // The read model keeps microseconds; the answer must show what later reads show.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    emails.claim(id, email);
    eventStore
        .commands()
        .sendAndWait(
            new RegisterAccount(
                id,
                cipher.seal(id, email),
                cipher.seal(id, displayName),
                cipher.seal(id, password.bcrypt()),
                role,
                now));
    return new RegisteredAccount(id, email, displayName, role, now);
  }

  @Transactional
  public CommandResult changeProfile(String id, String displayName, Long expectedVersion) {
    return send(
        id, new ChangeProfile(id, cipher.seal(id, displayName), expectedVersion, clock.instant()));
  }

  @Transactional
  public CommandResult changeEmail(String id, String email, Long expectedVersion) {
    emails.claim(id, email);
    return send(id, new ChangeEmail(id, cipher.seal(id, email), expectedVersion, clock.instant()));
  }

  /**
   * Changes the fields given (null: unchanged) in one transaction; {@code expectedVersion} guards
   * the first change, and the second follows it.
   */
  @Transactional
  public CommandResult patch(String id, String displayName, String email, Long expectedVersion) {
    if (email != null) {
      // Claim first: a taken email then refuses the patch before any event is written.
      emails.claim(id, email);
    }
    CommandResult result = null;
    Long expected = expectedVersion;
    if (displayName != null) {
      result = changeProfile(id, displayName, expected);
      expected = result.version();
    }
    if (email != null) {
      result = changeEmail(id, email, expected);
    }
    return result;
  }

  /** Changes the password; the caller has proven the current one ({@link HashedPassword}). */
  @Transactional
  public CommandResult changePassword(String id, HashedPassword newPassword) {
    return send(id, new ChangePassword(id, cipher.seal(id, newPassword.bcrypt()), clock.instant()));
  }

  @Transactional
  public CommandResult suspend(String id, String reason) {
    return send(id, new SuspendAccount(id, reason, clock.instant()));
  }

  @Transactional
  public CommandResult reactivate(String id, String reason) {
    return send(id, new ReactivateAccount(id, reason, clock.instant()));
  }

  /** Erases the account: its event, its email claim and, last, the key to its personal data. */
  @Transactional
  public CommandResult erase(String id) {
    CommandResult result = send(id, new EraseAccount(id, clock.instant()));
    emails.releaseAll(id);
    keys.destroy(id);
    return result;
  }

  private CommandResult send(String id, Object command) {
    Long version = eventStore.commands().sendAndWait(command);
    return new CommandResult(id, version);
  }
}
