package io.fourfold.billing.invoice.command;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The id of an account's invoice for a period: a name-based UUID, so the same period can be issued
 * only once (its first event would collide in the event store).
 */
public final class InvoiceIds {

  private InvoiceIds() {}

  /** The id of the account's invoice from {@code start} to {@code end}. */
  public static String of(String accountId, LocalDate start, LocalDate end) {
    return UUID.nameUUIDFromBytes(
            ("fourfold:invoice:" + accountId + ":" + start + ":" + end)
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
