package io.fourfold.blob.exports;

import static io.fourfold.blob.support.Http.as;
import static io.fourfold.blob.support.Http.fetch;
import static io.fourfold.blob.support.Http.sha256;
import static io.fourfold.blob.support.Http.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.blob.exports.projection.ExportProjector;
import io.fourfold.blob.storage.ObjectKeys;
import io.fourfold.blob.support.Bucket;
import io.fourfold.blob.support.TestHistory;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.billing.InvoiceIssued;
import io.fourfold.schema.billing.InvoiceLine;
import io.fourfold.schema.billing.InvoicePaid;
import io.fourfold.schema.billing.InvoicePaymentReceived;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionStarted;
import io.fourfold.schema.blob.BlobDeleted;
import io.fourfold.schema.export.ExportRequested;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Exports built by the exports projection from events (account, billing, blobs) into S3, and the
 * erasure of an account's blobs and exports.
 */
@QuarkusTest
class ExportApiTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Inject TestHistory history;
  @Inject ExportProjector projector;
  @Inject Bucket bucket;
  @Inject ObjectMapper json;
  @Inject Pool pool;

  @Test
  void anExportHoldsTheProfileSubscriptionHistoryInvoicesAndBlobs() throws Exception {
    String account = history.register("ada@example.org", "Ada");
    String subscription = UUID.randomUUID().toString();
    String invoice = UUID.randomUUID().toString();
    Instant started = Instant.parse("2026-01-01T00:00:00Z");
    history.append(
        "Subscription",
        subscription,
        0,
        new SubscriptionStarted(subscription, account, "pro", 6000, started),
        new SubscriptionChanged(
            subscription, account, "pro", "team", 30000, started.plus(Duration.ofDays(10))));
    LocalDate from = LocalDate.of(2026, 1, 1);
    history.append(
        "Invoice",
        invoice,
        0,
        new InvoiceIssued(
            invoice,
            account,
            from,
            from.plusDays(30),
            "EUR",
            List.of(new InvoiceLine("pro", from, from.plusDays(30), 31, 2900)),
            2900,
            started.plus(Duration.ofDays(31))),
        new InvoicePaymentReceived(
            invoice,
            account,
            UUID.randomUUID().toString(),
            2900,
            "EUR",
            started.plus(Duration.ofDays(32))),
        new InvoicePaid(invoice, account, started.plus(Duration.ofDays(32))));
    byte[] bytes = "exported blob".getBytes(StandardCharsets.UTF_8);
    String blob = upload(account, bytes, "text/plain").path("id");
    awaitFolded(Map.of(account, 0L, subscription, 1L, invoice, 2L, blob, 0L));

    var accepted = as(account).post("/api/v1/accounts/" + account + "/exports");
    accepted.then().statusCode(202);
    String exportId = accepted.path("exportId");
    assertThat(accepted.header("Location")).endsWith("/api/v1/exports/" + exportId);
    JsonNode ready = awaitReady(account, exportId);

    var download = fetch(URI.create(ready.get("downloadUrl").asText()));
    assertThat(download.statusCode()).isEqualTo(200);
    JsonNode export = json.readTree(download.body());
    assertThat(export.at("/exportId").asText()).isEqualTo(exportId);
    assertThat(export.at("/accountId").asText()).isEqualTo(account);
    assertThat(export.at("/profile/email").asText()).isEqualTo("ada@example.org");
    assertThat(export.at("/profile/displayName").asText()).isEqualTo("Ada");
    assertThat(export.at("/profile/status").asText()).isEqualTo("active");
    assertThat(export.at("/subscriptionHistory/0/change").asText()).isEqualTo("started");
    assertThat(export.at("/subscriptionHistory/0/planId").asText()).isEqualTo("pro");
    assertThat(export.at("/subscriptionHistory/1/change").asText()).isEqualTo("changed");
    assertThat(export.at("/subscriptionHistory/1/planId").asText()).isEqualTo("team");
    assertThat(export.at("/invoices/0/invoiceId").asText()).isEqualTo(invoice);
    assertThat(export.at("/invoices/0/totalMinor").asLong()).isEqualTo(2900);
    assertThat(export.at("/invoices/0/lines/0/planId").asText()).isEqualTo("pro");
    assertThat(export.at("/invoices/0/payments/0/amountMinor").asLong()).isEqualTo(2900);
    assertThat(export.at("/invoices/0/paidAt").isNull()).isFalse();
    assertThat(export.at("/blobs/0/id").asText()).isEqualTo(blob);
    assertThat(export.at("/blobs/0/sha256").asText()).isEqualTo(sha256(bytes));
  }

  @Test
  void onlyTheOwnerOrAnAdminAsksForAndSeesAnExport() {
    String account = history.register("owner@example.org", "Owner");
    String stranger = UUID.randomUUID().toString();

    as(stranger).post("/api/v1/accounts/" + account + "/exports").then().statusCode(403);
    String exportId = as(account).post("/api/v1/accounts/" + account + "/exports").path("exportId");

    as(stranger).get("/api/v1/exports/" + exportId).then().statusCode(404);
    as(account).get("/api/v1/exports/" + UUID.randomUUID()).then().statusCode(404);
    io.fourfold.blob.support.Http.asAdmin(stranger)
        .get("/api/v1/exports/" + exportId)
        .then()
        .statusCode(200);
  }

  @Test
  void aRequestRepeatedWithItsIdempotencyKeyAnswersTheSameExport() {
    String account = history.register("twice@example.org", "Twice");
    String key = UUID.randomUUID().toString();

    var first =
        as(account).header("Idempotency-Key", key).post("/api/v1/accounts/" + account + "/exports");
    var repeat =
        as(account).header("Idempotency-Key", key).post("/api/v1/accounts/" + account + "/exports");

    first.then().statusCode(202);
    repeat.then().statusCode(202);
    assertThat((String) repeat.path("exportId")).isEqualTo(first.path("exportId"));
    assertThat(first.header("X-Consistency-Token")).isNotBlank();
  }

  @Test
  void aReplayedRequestDoesNotBuildTheExportAgain() {
    String account = history.register("replay@example.org", "Replay");
    awaitFolded(Map.of(account, 0L));
    String exportId = as(account).post("/api/v1/accounts/" + account + "/exports").path("exportId");
    awaitReady(account, exportId);
    int events = history.events(exportId).size();

    // A rebuild starts with no positions: the request is folded again and leaves a job.
    pool.preparedQuery("DELETE FROM export_applied WHERE aggregate_id = $1")
        .execute(Tuple.of(exportId))
        .await()
        .indefinitely();
    projector
        .apply(
            new ProjectedEvent(
                new ExportRequested(exportId, account, Instant.now()),
                UUID.randomUUID().toString(),
                exportId,
                0,
                0,
                Instant.now(),
                Map.of()))
        .await()
        .indefinitely();

    await().atMost(DEADLINE).until(() -> !hasJob("export:" + exportId));
    assertThat(history.events(exportId)).hasSize(events);
  }

  @Test
  void erasureRemovesTheAccountsBlobsAndExports() {
    String account = history.register("gone@example.org", "Gone");
    byte[] bytes = "to be erased".getBytes(StandardCharsets.UTF_8);
    String blob = upload(account, bytes, "text/plain").path("id");
    awaitFolded(Map.of(account, 0L, blob, 0L));
    String exportId = as(account).post("/api/v1/accounts/" + account + "/exports").path("exportId");
    awaitReady(account, exportId);
    assertThat(bucket.keys(ObjectKeys.accountPrefix(account)))
        .containsExactlyInAnyOrder(
            ObjectKeys.content(account, sha256(bytes)), ObjectKeys.export(account, exportId));

    history.erase(account, 1);

    // At once: the key is gone, so nothing of the account is served or accepted any more.
    as(account).get("/api/v1/blobs/" + blob).then().statusCode(404);
    as(account).get("/api/v1/exports/" + exportId).then().statusCode(404);
    upload(account, bytes, "text/plain").then().statusCode(404);
    as(account).post("/api/v1/accounts/" + account + "/exports").then().statusCode(404);
    // Then the erasure: every object goes, and each blob's deletion is recorded.
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              assertThat(bucket.keys(ObjectKeys.accountPrefix(account))).isEmpty();
              assertThat(history.events(blob)).last().isInstanceOf(BlobDeleted.class);
            });
  }

  private JsonNode awaitReady(String account, String exportId) {
    return await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              var response = as(account).get("/api/v1/exports/" + exportId);
              response.then().statusCode(200);
              return json.readTree(response.asString());
            },
            state -> "ready".equals(state.get("status").asText()));
  }

  private void awaitFolded(Map<String, Long> sequences) {
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                sequences.entrySet().stream()
                    .allMatch(
                        e ->
                            projector.appliedSequence(e.getKey()).await().indefinitely()
                                >= e.getValue()));
  }

  private boolean hasJob(String jobId) {
    return pool.preparedQuery("SELECT 1 FROM export_job WHERE job_id = $1")
        .execute(Tuple.of(jobId))
        .await()
        .indefinitely()
        .iterator()
        .hasNext();
  }
}
