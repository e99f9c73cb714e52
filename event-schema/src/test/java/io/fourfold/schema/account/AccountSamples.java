package io.fourfold.schema.account;

import io.fourfold.schema.personal.InMemoryDataKeys;
import io.fourfold.schema.personal.PersonalDataCipher;
import java.time.Instant;
import java.util.List;

/** One valid instance of every account event, sealed with a throwaway key, for tests. */
public final class AccountSamples {

  public static final String ACCOUNT = "0b9f7d4e-5c1a-4e0f-9a51-3f2d8c7b6a10";
  public static final Instant AT = Instant.parse("2025-03-14T09:26:53.589Z");

  private AccountSamples() {}

  /** One of each account event, in the order an account could live them. */
  public static List<AccountEvent> events() {
    PersonalDataCipher cipher = new PersonalDataCipher(new InMemoryDataKeys());
    return List.of(
        new AccountRegistered(
            ACCOUNT,
            cipher.seal(ACCOUNT, "ada@example.org"),
            cipher.seal(ACCOUNT, "Ada"),
            cipher.seal(ACCOUNT, "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"),
            AccountRole.USER,
            AT),
        new AccountProfileChanged(ACCOUNT, cipher.seal(ACCOUNT, "Ada L."), AT.plusSeconds(1)),
        new AccountEmailChanged(
            ACCOUNT, cipher.seal(ACCOUNT, "ada@example.com"), AT.plusSeconds(2)),
        new AccountPasswordChanged(
            ACCOUNT, cipher.seal(ACCOUNT, "$argon2id$new"), AT.plusSeconds(3)),
        new AccountSuspended(ACCOUNT, "chargeback", AT.plusSeconds(4)),
        new AccountReactivated(ACCOUNT, "chargeback withdrawn", AT.plusSeconds(5)),
        new AccountErased(ACCOUNT, AT.plusSeconds(6)));
  }
}
