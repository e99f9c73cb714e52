package io.fourfold.blob.blobs;

import static io.fourfold.blob.support.Http.fetchDigest;
import static io.fourfold.blob.support.Http.presignedUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.blob.storage.ObjectKeys;
import io.fourfold.blob.support.Bucket;
import io.fourfold.blob.support.GeneratedBody;
import io.fourfold.blob.support.Http.Digested;
import io.fourfold.eventing.http.Caller;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Large bodies stream through: a 50 MB upload holds far less than 50 MB of heap at any time, its
 * checksum survives the round trip, and a body over the limit is refused with nothing kept.
 */
@QuarkusTest
class LargeBlobTest {

  private static final Logger LOG = Logger.getLogger(LargeBlobTest.class);
  private static final long MB = 1L << 20;

  @TestHTTPResource("/api/v1/blobs")
  URI blobs;

  @Inject Bucket bucket;
  @Inject ObjectMapper json;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void a50MbUploadStreamsThroughWithoutTheHeapGrowingByTheBody() throws Exception {
    String owner = UUID.randomUUID().toString();
    long size = 50 * MB;
    // The client stops after 40 MB: if the service held what it received, the heap would hold it.
    GeneratedBody body = new GeneratedBody(size, 42, 40 * MB);
    warmUpMultipartUploads();
    long before = usedHeapAfterGc();

    CompletableFuture<HttpResponse<String>> answer =
        client.sendAsync(
            post(
                owner,
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> body), size)),
            HttpResponse.BodyHandlers.ofString());
    body.awaitPause();
    // Let what is in flight (socket buffers) reach the service before measuring.
    Thread.sleep(500);
    long during = usedHeapAfterGc();
    body.resume();
    HttpResponse<String> created = answer.get(120, TimeUnit.SECONDS);
    long after = usedHeapAfterGc();

    LOG.infof(
        "50 MB upload: heap after GC %d MB before, %d MB at 40 MB in, %d MB after",
        before / MB, during / MB, after / MB);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(during - before).isLessThan(24 * MB);
    assertThat(after - before).isLessThan(16 * MB);
    JsonNode blob = json.readTree(created.body());
    assertThat(blob.get("size").asLong()).isEqualTo(size);
    assertThat(blob.get("sha256").asText()).isEqualTo(body.sha256());

    String id = blob.get("id").asText();
    Digested inline = fetchDigest(URI.create(blobs + "/" + id + "?inline=true"), owner);
    assertThat(inline.status()).isEqualTo(200);
    assertThat(inline.size()).isEqualTo(size);
    assertThat(inline.sha256()).isEqualTo(body.sha256());
    Digested presigned = fetchDigest(presignedUrl(owner, id), null);
    assertThat(presigned.status()).isEqualTo(200);
    assertThat(presigned.sha256()).isEqualTo(body.sha256());
    // The staging object of the multipart upload is gone: only the content-addressed one is left.
    assertThat(bucket.keys(ObjectKeys.accountPrefix(owner)))
        .containsExactly(ObjectKeys.content(owner, body.sha256()));
  }

  /**
   * One multipart upload before the baseline: the first one builds what every later one shares (the
   * S3 client's connections, signers and caches), which is neither the body nor held per upload.
   */
  private void warmUpMultipartUploads() throws Exception {
    long size = 20 * MB;
    HttpResponse<String> created =
        client.send(
            post(
                UUID.randomUUID().toString(),
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedBody(size, 1, -1)),
                    size)),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  @Test
  void aStreamedBodyOverTheLimitIsRefusedAndNothingOfItIsKept() throws Exception {
    String owner = UUID.randomUUID().toString();
    // Chunked, no declared length: the limit (60M in the test profile) is found while streaming.
    GeneratedBody body = new GeneratedBody(61 * MB, 7, -1);

    HttpResponse<String> refused =
        client.send(
            post(owner, HttpRequest.BodyPublishers.ofInputStream(() -> body)),
            HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(bucket.keys(ObjectKeys.accountPrefix(owner))).isEmpty();
    assertThat(bucket.openUploads(ObjectKeys.accountPrefix(owner))).isEmpty();
  }

  private HttpRequest post(String owner, HttpRequest.BodyPublisher publisher) {
    return HttpRequest.newBuilder(blobs)
        .header(Caller.ACCOUNT_ID, owner)
        .header("Content-Type", "application/octet-stream")
        .POST(publisher)
        .build();
  }

  /**
   * The heap the JVM retains: the least of a few readings after a full GC, so a short-lived
   * allocation elsewhere in the JVM (a Kafka poll, a projection batch) does not count.
   */
  private static long usedHeapAfterGc() throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      Thread.sleep(50);
    }
    return least;
  }
}
