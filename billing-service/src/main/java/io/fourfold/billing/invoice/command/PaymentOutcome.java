package io.fourfold.billing.invoice.command;

/**
 * An invoice just after a payment was recorded.
 *
 * @param version the sequence of the invoice's last event
 */
public record PaymentOutcome(
    String invoiceId,
    String accountId,
    String currency,
    long totalMinor,
    long paidMinor,
    boolean paid,
    long version) {}
