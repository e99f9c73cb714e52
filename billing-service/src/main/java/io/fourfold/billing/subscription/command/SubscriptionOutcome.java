package io.fourfold.billing.subscription.command;

/**
 * What a command did to a subscription, and the subscription's version after it.
 *
 * @param change what happened
 * @param version the sequence of the subscription's last event; -1 when it has none
 */
public record SubscriptionOutcome(Change change, long version) {

  /** What a command did. */
  public enum Change {
    STARTED,
    CHANGED,
    CANCELLED,
    UNCHANGED
  }
}
