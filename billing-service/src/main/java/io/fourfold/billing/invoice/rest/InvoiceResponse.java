package io.fourfold.billing.invoice.rest;

import io.fourfold.billing.money.Money;
import io.fourfold.billing.readmodel.InvoiceView;
import io.fourfold.schema.billing.InvoiceLine;
import io.fourfold.schema.billing.IssueInvoice;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An invoice as the API shows it. */
public record InvoiceResponse(
    String id,
    String accountId,
    LocalDate periodStart,
    LocalDate periodEnd,
    List<Line> lines,
    Money total,
    Money paid,
    Money due,
    String status,
    Instant issuedAt,
    long version) {

  /** One line: days on one plan and their price. */
  public record Line(String planId, LocalDate from, LocalDate to, int days, Money amount) {

    static List<Line> of(List<InvoiceLine> lines, String currency) {
      return lines.stream()
          .map(
              l ->
                  new Line(
                      l.planId(), l.from(), l.to(), l.days(), new Money(l.amountMinor(), currency)))
          .toList();
    }
  }

  static InvoiceResponse of(InvoiceView view) {
    return new InvoiceResponse(
        view.id(),
        view.accountId(),
        view.periodStart(),
        view.periodEnd(),
        Line.of(view.lines(), view.total().currency()),
        view.total(),
        view.paid(),
        view.total().minus(view.paid()),
        view.status(),
        view.issuedAt(),
        view.version());
  }

  /** The invoice the command issued: nothing paid yet, and paid at once when it is free. */
  static InvoiceResponse issued(IssueInvoice command) {
    Money total = new Money(command.totalMinor(), command.currency());
    boolean free = command.totalMinor() == 0;
    return new InvoiceResponse(
        command.invoiceId(),
        command.accountId(),
        command.periodStart(),
        command.periodEnd(),
        Line.of(command.lines(), command.currency()),
        total,
        Money.zero(command.currency()),
        total,
        free ? "paid" : "open",
        command.at(),
        free ? 1 : 0);
  }
}
