package io.fourfold.billing.readmodel;

import io.fourfold.billing.money.Money;
import io.fourfold.schema.billing.InvoiceLine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of the billing read model. */
@ApplicationScoped
public class BillingQueries {

  private final Pool pool;

  public BillingQueries(Pool pool) {
    this.pool = pool;
  }

  /** True when the account was registered and not erased, as far as this projection has seen. */
  public Uni<Boolean> accountMayBeBilled(String accountId) {
    return pool.preparedQuery(
            "SELECT 1 FROM billing_account WHERE account_id = $1 AND registered AND NOT erased")
        .execute(Tuple.of(accountId))
        .map(rows -> rows.size() > 0);
  }

  /** The account's subscription, running or cancelled, if it ever had one. */
  public Uni<Optional<SubscriptionView>> subscription(String accountId) {
    return pool.preparedQuery(
            "SELECT subscription_id, plan_id, rate_limit_per_minute, status, started_at,"
                + " version FROM subscription_view WHERE account_id = $1")
        .execute(Tuple.of(accountId))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              return Optional.of(
                  new SubscriptionView(
                      row.getString("subscription_id"),
                      accountId,
                      row.getString("plan_id"),
                      row.getInteger("rate_limit_per_minute"),
                      row.getString("status"),
                      row.getOffsetDateTime("started_at").toInstant(),
                      row.getLong("version")));
            });
  }

  /** The account's invoices, oldest period first, with their lines. */
  public Uni<List<InvoiceView>> invoices(String accountId) {
    return invoicesWhere("i.account_id = $1", accountId);
  }

  /** One invoice, with its lines. */
  public Uni<Optional<InvoiceView>> invoice(String invoiceId) {
    return invoicesWhere("i.invoice_id = $1", invoiceId).map(found -> found.stream().findFirst());
  }

  private Uni<List<InvoiceView>> invoicesWhere(String condition, String value) {
    return pool.preparedQuery(
            "SELECT i.invoice_id, i.account_id, i.period_start, i.period_end, i.currency,"
                + " i.total_minor, i.paid_minor, i.status, i.issued_at, i.version,"
                + " l.plan_id, l.from_date, l.to_date, l.days, l.amount_minor"
                + " FROM invoice_view i LEFT JOIN invoice_line l ON l.invoice_id = i.invoice_id"
                + " WHERE "
                + condition
                + " ORDER BY i.period_start, i.period_end, i.invoice_id, l.line_no")
        .execute(Tuple.of(value))
        .map(
            rows -> {
              Map<String, InvoiceView> invoices = new LinkedHashMap<>();
              Map<String, List<InvoiceLine>> lines = new LinkedHashMap<>();
              for (Row row : rows) {
                String id = row.getString("invoice_id");
                invoices.computeIfAbsent(id, ignored -> invoice(row));
                List<InvoiceLine> of = lines.computeIfAbsent(id, ignored -> new ArrayList<>());
                if (row.getString("plan_id") != null) {
                  of.add(
                      new InvoiceLine(
                          row.getString("plan_id"),
                          row.getLocalDate("from_date"),
                          row.getLocalDate("to_date"),
                          row.getInteger("days"),
                          row.getLong("amount_minor")));
                }
              }
              return invoices.values().stream()
                  .map(invoice -> invoice.withLines(lines.get(invoice.id())))
                  .toList();
            });
  }

  private static InvoiceView invoice(Row row) {
    String currency = row.getString("currency");
    return new InvoiceView(
        row.getString("invoice_id"),
        row.getString("account_id"),
        row.getLocalDate("period_start"),
        row.getLocalDate("period_end"),
        List.of(),
        new Money(row.getLong("total_minor"), currency),
        new Money(row.getLong("paid_minor"), currency),
        row.getString("status"),
        row.getOffsetDateTime("issued_at").toInstant(),
        row.getLong("version"));
  }
}
