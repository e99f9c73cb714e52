package io.fourfold.billing.invoice.application;

/** The account already has an invoice for exactly this period. */
public class InvoiceAlreadyIssuedException extends RuntimeException {

  public InvoiceAlreadyIssuedException(String invoiceId) {
    super("invoice " + invoiceId + " was already issued");
  }
}
