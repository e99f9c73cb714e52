package io.fourfold.billing.money;

import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money: a whole number of minor units (cents) of an ISO 4217 currency. Never
 * negative, never a float.
 */
public record Money(long amountMinor, String currency) {

  private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{3}");

  public Money {
    if (amountMinor < 0) {
      throw new IllegalArgumentException("amountMinor must not be negative: " + amountMinor);
    }
    requireCurrency(currency);
  }

  /** Nothing, in {@code currency}. */
  public static Money zero(String currency) {
    return new Money(0, currency);
  }

  /** True when {@code code} is an ISO 4217 currency code this JVM knows (e.g. EUR, USD, JPY). */
  public static boolean isCurrency(String code) {
    if (code == null || !ISO_CODE.matcher(code).matches()) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException unknown) {
      return false;
    }
  }

  /** The sum; both must be in the same currency. */
  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.addExact(amountMinor, other.amountMinor), currency);
  }

  /** The difference; both in the same currency, and it must not go below zero. */
  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.subtractExact(amountMinor, other.amountMinor), currency);
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(Objects.requireNonNull(other, "other").currency)) {
      throw new IllegalArgumentException(
          "cannot mix " + currency + " and " + other.currency + " amounts");
    }
  }

  private static void requireCurrency(String code) {
    if (!isCurrency(code)) {
      throw new IllegalArgumentException("not an ISO 4217 currency code: " + code);
    }
  }
}
