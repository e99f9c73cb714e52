package io.fourfold.billing.invoice.domain;

/** The plans of one invoice period are priced in different currencies: no total can be given. */
public class MixedCurrencyException extends RuntimeException {

  public MixedCurrencyException(String first, String second) {
    super("the plans of this period are priced in " + first + " and " + second);
  }
}
