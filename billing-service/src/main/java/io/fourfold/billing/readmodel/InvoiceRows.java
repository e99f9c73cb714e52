package io.fourfold.billing.readmodel;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.billing.InvoiceEvent;
import io.fourfold.schema.billing.InvoiceIssued;
import io.fourfold.schema.billing.InvoiceLine;
import io.fourfold.schema.billing.InvoicePaid;
import io.fourfold.schema.billing.InvoicePaymentReceived;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies invoice events to {@code invoice_view}, {@code invoice_line} and {@code payment}: the
 * invoice row's version guards every write, and its line and payment rows are written only by the
 * statement that moved that version.
 */
final class InvoiceRows {

  Uni<Void> apply(SqlConnection connection, InvoiceEvent event, ProjectedEvent projected) {
    if (event instanceof InvoiceIssued issued) {
      return issue(connection, issued, projected.sequence());
    }
    if (event instanceof InvoicePaymentReceived payment) {
      return pay(connection, payment, projected.sequence());
    }
    InvoicePaid paid = (InvoicePaid) event;
    return connection
        .preparedQuery(
            "UPDATE invoice_view SET paid_at = $2, version = $3"
                + " WHERE invoice_id = $1 AND version < $3")
        .execute(
            Tuple.of(
                paid.invoiceId(), paid.paidAt().atOffset(ZoneOffset.UTC), projected.sequence()))
        .replaceWithVoid();
  }

  private static Uni<Void> issue(SqlConnection connection, InvoiceIssued issued, long sequence) {
    return connection
        .preparedQuery(
            "INSERT INTO invoice_view (invoice_id, account_id, period_start, period_end, currency,"
                + " total_minor, paid_minor, status, issued_at, version)"
                + " VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9)"
                + " ON CONFLICT (invoice_id) DO NOTHING")
        .execute(
            Tuple.tuple()
                .addString(issued.invoiceId())
                .addString(issued.accountId())
                .addLocalDate(issued.periodStart())
                .addLocalDate(issued.periodEnd())
                .addString(issued.currency())
                .addLong(issued.totalMinor())
                .addString(issued.totalMinor() == 0 ? "paid" : "open")
                .addOffsetDateTime(issued.issuedAt().atOffset(ZoneOffset.UTC))
                .addLong(sequence))
        .flatMap(
            inserted ->
                inserted.rowCount() == 0 || issued.lines().isEmpty()
                    ? Uni.createFrom().voidItem()
                    : lines(connection, issued));
  }

  private static Uni<Void> lines(SqlConnection connection, InvoiceIssued issued) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < issued.lines().size(); i++) {
      InvoiceLine line = issued.lines().get(i);
      rows.add(
          Tuple.tuple()
              .addString(issued.invoiceId())
              .addInteger(i)
              .addString(line.planId())
              .addLocalDate(line.from())
              .addLocalDate(line.to())
              .addInteger(line.days())
              .addLong(line.amountMinor()));
    }
    return connection
        .preparedQuery(
            "INSERT INTO invoice_line (invoice_id, line_no, plan_id, from_date, to_date, days,"
                + " amount_minor) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .executeBatch(rows)
        .replaceWithVoid();
  }

  private static Uni<Void> pay(
      SqlConnection connection, InvoicePaymentReceived payment, long sequence) {
    return connection
        .preparedQuery(
            "UPDATE invoice_view SET paid_minor = paid_minor + $2,"
                + " status = CASE WHEN paid_minor + $2 = total_minor THEN 'paid' ELSE status END,"
                + " version = $3 WHERE invoice_id = $1 AND version < $3")
        .execute(Tuple.of(payment.invoiceId(), payment.amountMinor(), sequence))
        .flatMap(
            updated ->
                updated.rowCount() == 0
                    ? Uni.createFrom().voidItem()
                    : connection
                        .preparedQuery(
                            "INSERT INTO payment (payment_id, invoice_id, amount_minor, currency,"
                                + " received_at, sequence) VALUES ($1, $2, $3, $4, $5, $6)")
                        .execute(
                            Tuple.tuple()
                                .addString(payment.paymentId())
                                .addString(payment.invoiceId())
                                .addLong(payment.amountMinor())
                                .addString(payment.currency())
                                .addOffsetDateTime(payment.receivedAt().atOffset(ZoneOffset.UTC))
                                .addLong(sequence))
                        .replaceWithVoid());
  }
}
