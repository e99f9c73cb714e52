package io.fourfold.billing.invoice.command;

import io.fourfold.billing.support.Fixtures;
import io.fourfold.schema.billing.InvoiceIssued;
import io.fourfold.schema.billing.InvoiceLine;
import io.fourfold.schema.billing.InvoicePaid;
import io.fourfold.schema.billing.InvoicePaymentReceived;
import io.fourfold.schema.billing.IssueInvoice;
import io.fourfold.schema.billing.PayInvoice;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The invoice aggregate's decisions on payments, in given/when/expect form. */
class InvoiceTest {

  private static final String ACCOUNT = "5b1f0c9e-1d2a-4c3b-8e4f-5a6b7c8d9e0f";
  private static final LocalDate START = LocalDate.parse("2026-01-01");
  private static final LocalDate END = LocalDate.parse("2026-01-31");
  private static final String ID = InvoiceIds.of(ACCOUNT, START, END);
  private static final Instant AT = Instant.parse("2026-02-01T09:00:00Z");
  private static final List<InvoiceLine> LINES =
      List.of(new InvoiceLine("pro", START, END, 31, 2900));

  private FixtureConfiguration<Invoice> fixture;

  @BeforeEach
  void fixture() {
    fixture = Fixtures.of(Invoice.class);
  }

  private static InvoiceIssued issued() {
    return new InvoiceIssued(ID, ACCOUNT, START, END, "EUR", LINES, 2900, AT);
  }

  private static InvoicePaymentReceived received(String paymentId, long amount) {
    return new InvoicePaymentReceived(ID, ACCOUNT, paymentId, amount, "EUR", AT);
  }

  @Test
  void issuingRecordsTheLinesAndTotal() {
    fixture
        .givenNoPriorActivity()
        .when(new IssueInvoice(ID, ACCOUNT, START, END, "EUR", LINES, AT))
        .expectEvents(issued());
  }

  @Test
  void aFreeInvoiceIsPaidWhenIssued() {
    fixture
        .givenNoPriorActivity()
        .when(new IssueInvoice(ID, ACCOUNT, START, END, "EUR", List.of(), AT))
        .expectEvents(
            new InvoiceIssued(ID, ACCOUNT, START, END, "EUR", List.of(), 0, AT),
            new InvoicePaid(ID, ACCOUNT, AT));
  }

  @Test
  void aPartialPaymentIsRecordedAndLeavesTheInvoiceOpen() {
    fixture
        .given(issued())
        .when(new PayInvoice(ID, "p1", 1000, "EUR", AT))
        .expectEvents(received("p1", 1000))
        .expectResultMessagePayload(new PaymentOutcome(ID, ACCOUNT, "EUR", 2900, 1000, false, 1));
  }

  @Test
  void theLastPaymentMarksTheInvoicePaid() {
    fixture
        .given(issued(), received("p1", 1000))
        .when(new PayInvoice(ID, "p2", 1900, "EUR", AT))
        .expectEvents(received("p2", 1900), new InvoicePaid(ID, ACCOUNT, AT))
        .expectResultMessagePayload(new PaymentOutcome(ID, ACCOUNT, "EUR", 2900, 2900, true, 3));
  }

  @Test
  void payingMoreThanIsDueIsRefused() {
    fixture
        .given(issued(), received("p1", 1000))
        .when(new PayInvoice(ID, "p2", 1901, "EUR", AT))
        .expectNoEvents()
        .expectException(PaymentRefusedException.class)
        .expectExceptionMessage("The payment is more than the 1900 EUR minor units still due.");
  }

  @Test
  void payingAPaidInvoiceIsRefused() {
    fixture
        .given(issued(), received("p1", 2900), new InvoicePaid(ID, ACCOUNT, AT))
        .when(new PayInvoice(ID, "p2", 1, "EUR", AT))
        .expectNoEvents()
        .expectException(PaymentRefusedException.class);
  }

  @Test
  void payingInAnotherCurrencyIsRefused() {
    fixture
        .given(issued())
        .when(new PayInvoice(ID, "p1", 100, "USD", AT))
        .expectNoEvents()
        .expectException(PaymentRefusedException.class)
        .expectExceptionMessage("The invoice is in EUR, not USD.");
  }
}
