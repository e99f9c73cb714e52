package io.fourfold.blob.exports.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.schema.account.AccountEmailChanged;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountEvent;
import io.fourfold.schema.account.AccountProfileChanged;
import io.fourfold.schema.account.AccountReactivated;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.billing.InvoiceEvent;
import io.fourfold.schema.billing.InvoiceIssued;
import io.fourfold.schema.billing.InvoicePaid;
import io.fourfold.schema.billing.InvoicePaymentReceived;
import io.fourfold.schema.billing.SubscriptionCancelled;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionEvent;
import io.fourfold.schema.billing.SubscriptionStarted;
import io.fourfold.schema.blob.BlobDeleted;
import io.fourfold.schema.blob.BlobEvent;
import io.fourfold.schema.blob.BlobUploaded;
import io.fourfold.schema.export.ExportEvent;
import io.fourfold.schema.export.ExportRequested;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The fold of the exports projection: what each event changes in an account's export material, and
 * the jobs it leaves for the worker. Only rows; no side effect outside the database, so a rebuild
 * can fold all of history. Material of an erased account is never added again.
 */
final class ExportMaterialRows {

  private static final String NOT_ERASED =
      " WHERE NOT EXISTS (SELECT 1 FROM export_erased_account WHERE account_id = $1::varchar)";

  private final ObjectMapper json;
  private final long settleMillis;

  ExportMaterialRows(ObjectMapper json, long settleMillis) {
    this.json = json;
    this.settleMillis = settleMillis;
  }

  /**
   * Applies one event to the material the connection's search path names.
   *
   * @param jobs whether to leave jobs for the worker: the live projection does; a rebuild into a
   *     new generation does not, so it has no effect beyond its own tables
   */
  Uni<Void> fold(SqlConnection c, Object event, long sequence, boolean jobs) {
    if (event instanceof AccountEvent account) {
      return account(c, account, jobs);
    }
    if (event instanceof SubscriptionEvent subscription) {
      return subscription(c, subscription, sequence);
    }
    if (event instanceof InvoiceEvent invoice) {
      return invoice(c, invoice);
    }
    if (event instanceof BlobEvent blob) {
      return blob(c, blob);
    }
    if (event instanceof ExportEvent export && jobs) {
      return export(c, export);
    }
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> account(SqlConnection c, AccountEvent event, boolean jobs) {
    String id = event.accountId();
    if (event instanceof AccountRegistered e) {
      return run(
          c,
          "INSERT INTO export_account (account_id, email, display_name, role, status,"
              + " registered_at) SELECT $1::varchar, $2::text, $3::text, $4::varchar, 'active',"
              + " $5::timestamptz"
              + NOT_ERASED
              + " ON CONFLICT (account_id) DO UPDATE SET email = excluded.email,"
              + " display_name = excluded.display_name, role = excluded.role,"
              + " registered_at = excluded.registered_at",
          id,
          e.email().encoded(),
          e.displayName().encoded(),
          e.role(),
          time(e.registeredAt()));
    }
    if (event instanceof AccountProfileChanged e) {
      return run(
          c,
          "UPDATE export_account SET display_name = $2 WHERE account_id = $1",
          id,
          e.displayName().encoded());
    }
    if (event instanceof AccountEmailChanged e) {
      return run(
          c, "UPDATE export_account SET email = $2 WHERE account_id = $1", id, e.email().encoded());
    }
    if (event instanceof AccountSuspended) {
      return run(c, "UPDATE export_account SET status = 'suspended' WHERE account_id = $1", id);
    }
    if (event instanceof AccountReactivated) {
      return run(c, "UPDATE export_account SET status = 'active' WHERE account_id = $1", id);
    }
    if (event instanceof AccountErased e) {
      return erased(c, id, e.erasedAt(), jobs);
    }
    return Uni.createFrom().voidItem();
  }

  /**
   * Removes the account's material for good and leaves the erasure of its objects to the worker.
   */
  private Uni<Void> erased(SqlConnection c, String id, Instant at, boolean jobs) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String table :
        new String[] {
          "export_account",
          "export_subscription_change",
          "export_invoice",
          "export_payment",
          "export_blob"
        }) {
      chain = chain.flatMap(v -> run(c, "DELETE FROM " + table + " WHERE account_id = $1", id));
    }
    return chain
        .flatMap(
            v ->
                run(
                    c,
                    "INSERT INTO export_erased_account (account_id, erased_at) VALUES ($1, $2)"
                        + " ON CONFLICT DO NOTHING",
                    id,
                    time(at)))
        .flatMap(
            v -> jobs ? job(c, "erasure:" + id, "erasure", id, null) : Uni.createFrom().voidItem());
  }

  private Uni<Void> subscription(SqlConnection c, SubscriptionEvent event, long sequence) {
    String change;
    String plan;
    String previous = null;
    Instant at;
    if (event instanceof SubscriptionStarted e) {
      change = "started";
      plan = e.planId();
      at = e.startedAt();
    } else if (event instanceof SubscriptionChanged e) {
      change = "changed";
      plan = e.planId();
      previous = e.previousPlanId();
      at = e.changedAt();
    } else if (event instanceof SubscriptionCancelled e) {
      change = "cancelled";
      plan = e.planId();
      at = e.cancelledAt();
    } else {
      return Uni.createFrom().voidItem();
    }
    return run(
        c,
        "INSERT INTO export_subscription_change (account_id, subscription_id, sequence, change,"
            + " plan_id, previous_plan_id, changed_at) SELECT $1::varchar, $2::varchar, $3::bigint,"
            + " $4::varchar, $5::varchar, $6::varchar, $7::timestamptz"
            + NOT_ERASED
            + " ON CONFLICT DO NOTHING",
        event.accountId(),
        event.subscriptionId(),
        sequence,
        change,
        plan,
        previous,
        time(at));
  }

  private Uni<Void> invoice(SqlConnection c, InvoiceEvent event) {
    if (event instanceof InvoiceIssued e) {
      return run(
          c,
          "INSERT INTO export_invoice (account_id, invoice_id, period_start, period_end, currency,"
              + " total_minor, lines, issued_at) SELECT $1::varchar, $2::varchar, $3::date,"
              + " $4::date, $5::varchar, $6::bigint, $7::jsonb, $8::timestamptz"
              + NOT_ERASED
              + " ON CONFLICT DO NOTHING",
          e.accountId(),
          e.invoiceId(),
          e.periodStart(),
          e.periodEnd(),
          e.currency(),
          e.totalMinor(),
          json(e.lines()),
          time(e.issuedAt()));
    }
    if (event instanceof InvoicePaymentReceived e) {
      return run(
          c,
          "INSERT INTO export_payment (account_id, payment_id, invoice_id, amount_minor, currency,"
              + " received_at) SELECT $1::varchar, $2::varchar, $3::varchar, $4::bigint,"
              + " $5::varchar, $6::timestamptz"
              + NOT_ERASED
              + " ON CONFLICT DO NOTHING",
          e.accountId(),
          e.paymentId(),
          e.invoiceId(),
          e.amountMinor(),
          e.currency(),
          time(e.receivedAt()));
    }
    if (event instanceof InvoicePaid e) {
      return run(
          c,
          "UPDATE export_invoice SET paid_at = $2 WHERE invoice_id = $1",
          e.invoiceId(),
          time(e.paidAt()));
    }
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> blob(SqlConnection c, BlobEvent event) {
    if (event instanceof BlobUploaded e) {
      return run(
          c,
          "INSERT INTO export_blob (account_id, blob_id, size, sha256, content_type, uploaded_at)"
              + " SELECT $1::varchar, $2::varchar, $3::bigint, $4::varchar, $5::varchar,"
              + " $6::timestamptz"
              + NOT_ERASED
              + " ON CONFLICT DO NOTHING",
          e.accountId(),
          e.blobId(),
          e.size(),
          e.sha256(),
          e.contentType(),
          time(e.uploadedAt()));
    }
    if (event instanceof BlobDeleted e) {
      return run(c, "DELETE FROM export_blob WHERE blob_id = $1", e.blobId());
    }
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> export(SqlConnection c, ExportEvent event) {
    if (event instanceof ExportRequested e) {
      return job(c, "export:" + e.exportId(), "export", e.accountId(), e.exportId());
    }
    // Completed or failed: nothing left to do, whoever recorded it.
    return run(c, "DELETE FROM export_job WHERE job_id = $1", "export:" + event.exportId());
  }

  private Uni<Void> job(
      SqlConnection c, String jobId, String kind, String accountId, String exportId) {
    return run(
        c,
        "INSERT INTO export_job (job_id, kind, account_id, export_id, eligible_at)"
            + " VALUES ($1, $2, $3, $4, now() + $5::double precision * interval '1 millisecond')"
            + " ON CONFLICT DO NOTHING",
        jobId,
        kind,
        accountId,
        exportId,
        settleMillis);
  }

  private static Uni<Void> run(SqlConnection c, String sql, Object... values) {
    Tuple tuple = Tuple.tuple();
    for (Object value : values) {
      tuple.addValue(value);
    }
    return c.preparedQuery(sql).execute(tuple).replaceWithVoid();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** As a JSON array value: a Java string would be stored as one JSON string. */
  private JsonArray json(Object value) {
    try {
      return new JsonArray(json.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write invoice lines", e);
    }
  }
}
