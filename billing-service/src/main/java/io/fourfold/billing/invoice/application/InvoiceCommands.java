package io.fourfold.billing.invoice.application;

import io.fourfold.billing.infrastructure.AggregateLocks;
import io.fourfold.billing.infrastructure.Streams;
import io.fourfold.billing.invoice.command.InvoiceIds;
import io.fourfold.billing.invoice.command.PaymentOutcome;
import io.fourfold.billing.invoice.domain.InvoiceDraft;
import io.fourfold.billing.invoice.domain.Proration;
import io.fourfold.billing.invoice.domain.SubscriptionHistory;
import io.fourfold.billing.money.Money;
import io.fourfold.billing.plan.Plan;
import io.fourfold.billing.plan.PlanCatalogue;
import io.fourfold.billing.subscription.command.SubscriptionIds;
import io.fourfold.eventing.store.AxonEventStore;
import io.fourfold.schema.billing.InvoiceIssued;
import io.fourfold.schema.billing.IssueInvoice;
import io.fourfold.schema.billing.PayInvoice;
import io.fourfold.schema.billing.SubscriptionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The invoice use cases: issuing an account's invoice of a period from its subscription history,
 * and paying an invoice, one payment at a time per invoice.
 */
@ApplicationScoped
public class InvoiceCommands {

  private static final Logger LOG = Logger.getLogger(InvoiceCommands.class);

  private final AxonEventStore eventStore;
  private final Streams streams;
  private final AggregateLocks locks;
  private final PlanCatalogue catalogue;
  private final Clock clock = Clock.systemUTC();

  public InvoiceCommands(
      AxonEventStore eventStore, Streams streams, AggregateLocks locks, PlanCatalogue catalogue) {
    this.eventStore = eventStore;
    this.streams = streams;
    this.locks = locks;
    this.catalogue = catalogue;
  }

  /**
   * Issues the account's invoice for the days {@code start} to {@code end}, both included.
   *
   * @throws InvoiceAlreadyIssuedException when the account has an invoice for exactly this period
   */
  @Transactional
  public IssueInvoice issue(String accountId, LocalDate start, LocalDate end) {
    String invoiceId = InvoiceIds.of(accountId, start, end);
    locks.lock(invoiceId);
    if (streams.first(invoiceId, InvoiceIssued.class).isPresent()) {
      throw new InvoiceAlreadyIssuedException(invoiceId);
    }
    InvoiceDraft draft =
        Proration.invoice(
            SubscriptionHistory.periods(
                streams.events(SubscriptionIds.of(accountId), SubscriptionEvent.class)),
            this::plan,
            start,
            end,
            catalogue.defaultPlan().monthlyPrice().currency());
    IssueInvoice command =
        new IssueInvoice(invoiceId, accountId, start, end, draft.currency(), draft.lines(), now());
    eventStore.commands().sendAndWait(command);
    LOG.infof(
        "Issued invoice %s of account %s for %s..%s: %d %s in %d line(s)",
        invoiceId,
        accountId,
        start,
        end,
        command.totalMinor(),
        command.currency(),
        command.lines().size());
    return command;
  }

  /** The account an invoice bills, if the invoice exists. */
  public Optional<String> accountOf(String invoiceId) {
    return streams.first(invoiceId, InvoiceIssued.class).map(InvoiceIssued::accountId);
  }

  /**
   * Records a payment of the invoice. Concurrent payments of one invoice wait for each other until
   * the first commits, so each is checked against every payment before it.
   */
  @Transactional
  public RecordedPayment pay(String invoiceId, Money amount) {
    locks.lock(invoiceId);
    String paymentId = UUID.randomUUID().toString();
    PaymentOutcome outcome =
        eventStore
            .commands()
            .sendAndWait(
                new PayInvoice(
                    invoiceId, paymentId, amount.amountMinor(), amount.currency(), now()));
    LOG.infof(
        "Payment %s of %d %s towards invoice %s: %d of %d paid",
        paymentId,
        amount.amountMinor(),
        amount.currency(),
        invoiceId,
        outcome.paidMinor(),
        outcome.totalMinor());
    return new RecordedPayment(paymentId, amount, outcome);
  }

  private Plan plan(String planId) {
    return catalogue.find(planId).orElseThrow(() -> new PlanWithdrawnException(planId));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
