package io.fourfold.billing.invoice.application;

/** The subscription history names a plan the catalogue no longer has: its price is unknown. */
public class PlanWithdrawnException extends RuntimeException {

  public PlanWithdrawnException(String planId) {
    super("plan " + planId + " is no longer in the catalogue");
  }
}
