package io.fourfold.schema.billing;

import io.fourfold.schema.DomainEvent;

/**
 * An event of an invoice aggregate, whose aggregate id is the invoice id. Payments are events of
 * the invoice they pay, so concurrent payments of one invoice serialize on it. Every event names
 * the account billed, so a projection needs no lookup to file it.
 */
public sealed interface InvoiceEvent extends DomainEvent
    permits InvoiceIssued, InvoicePaymentReceived, InvoicePaid {

  /** The invoice, which is the aggregate id. */
  String invoiceId();

  /** The account the invoice bills. */
  String accountId();

  @Override
  default String aggregateId() {
    return invoiceId();
  }
}
