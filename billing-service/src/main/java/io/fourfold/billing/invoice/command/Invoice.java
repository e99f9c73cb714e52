package io.fourfold.billing.invoice.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import io.fourfold.schema.billing.InvoiceIssued;
import io.fourfold.schema.billing.InvoicePaid;
import io.fourfold.schema.billing.InvoicePaymentReceived;
import io.fourfold.schema.billing.IssueInvoice;
import io.fourfold.schema.billing.PayInvoice;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An issued invoice and the payments towards it. Payments are decided here, one at a time per
 * invoice, so that together they never exceed the total nor mix currencies.
 */
public class Invoice {

  @AggregateIdentifier private String invoiceId;
  private String accountId;
  private String currency;
  private long totalMinor;
  private long paidMinor;

  /** For Axon, which rebuilds an invoice from its events. */
  protected Invoice() {}

  @CommandHandler
  public Invoice(IssueInvoice command) {
    apply(
        new InvoiceIssued(
            command.invoiceId(),
            command.accountId(),
            command.periodStart(),
            command.periodEnd(),
            command.currency(),
            command.lines(),
            command.totalMinor(),
            command.at()));
    if (command.totalMinor() == 0) {
      apply(new InvoicePaid(command.invoiceId(), command.accountId(), command.at()));
    }
  }

  /**
   * Records a payment.
   *
   * @throws PaymentRefusedException when the currency is not the invoice's or the amount is more
   *     than what is still due
   */
  @CommandHandler
  public PaymentOutcome handle(PayInvoice command) {
    if (!currency.equals(command.currency())) {
      throw PaymentRefusedException.currencyMismatch(currency, command.currency());
    }
    long due = totalMinor - paidMinor;
    if (command.amountMinor() > due) {
      throw PaymentRefusedException.overpayment(due, currency);
    }
    apply(
        new InvoicePaymentReceived(
            invoiceId,
            accountId,
            command.paymentId(),
            command.amountMinor(),
            currency,
            command.at()));
    if (paidMinor == totalMinor) {
      apply(new InvoicePaid(invoiceId, accountId, command.at()));
    }
    return new PaymentOutcome(
        invoiceId,
        accountId,
        currency,
        totalMinor,
        paidMinor,
        paidMinor == totalMinor,
        getVersion());
  }

  @EventSourcingHandler
  void on(InvoiceIssued event) {
    invoiceId = event.invoiceId();
    accountId = event.accountId();
    currency = event.currency();
    totalMinor = event.totalMinor();
  }

  @EventSourcingHandler
  void on(InvoicePaymentReceived event) {
    paidMinor += event.amountMinor();
  }
}
