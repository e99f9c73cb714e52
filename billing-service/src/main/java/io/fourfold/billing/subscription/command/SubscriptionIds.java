package io.fourfold.billing.subscription.command;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of an account's subscription: a name-based UUID of the account id, so an account has
 * exactly one subscription aggregate and every instance finds it without a lookup.
 */
public final class SubscriptionIds {

  private SubscriptionIds() {}

  /** The subscription id of the account. */
  public static String of(String accountId) {
    return UUID.nameUUIDFromBytes(
            ("fourfold:subscription:" + accountId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
