package io.fourfold.billing.invoice.command;

/** A payment the invoice cannot take: more than is due, or in another currency. */
public class PaymentRefusedException extends RuntimeException {

  private final String reason;

  private PaymentRefusedException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  static PaymentRefusedException overpayment(long dueMinor, String currency) {
    return new PaymentRefusedException(
        "overpayment",
        "The payment is more than the " + dueMinor + " " + currency + " minor units still due.");
  }

  static PaymentRefusedException currencyMismatch(String expected, String sent) {
    return new PaymentRefusedException(
        "currency-mismatch", "The invoice is in " + expected + ", not " + sent + ".");
  }

  /** {@code overpayment} or {@code currency-mismatch}. */
  public String reason() {
    return reason;
  }
}
