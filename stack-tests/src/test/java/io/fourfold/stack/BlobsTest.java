package io.fourfold.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Blobs and exports through the gateway: a multipart-sized upload streams through nginx to S3, its
 * download redirects to a presigned S3 URL that serves the same bytes, another account cannot see
 * it, an export of the account becomes ready and lists it, and a deletion removes it.
 */
class BlobsTest {

  private static final Duration EXPORT_DEADLINE = Duration.ofSeconds(60);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Test
  void uploadDownloadExportAndDeleteABlobThroughTheGateway() throws Exception {
    Accounts.SignedIn owner = Accounts.signUp();
    Accounts.SignedIn stranger = Accounts.signUp();
    // Larger than one 8 MiB part: the multipart path, through nginx unbuffered.
    byte[] bytes = new byte[10 * 1024 * 1024 + 123];
    new Random(6).nextBytes(bytes);

    HttpResponse<String> created =
        CLIENT.send(
            HttpRequest.newBuilder(Gateway.BASE.resolve("/api/v1/blobs"))
                .header("Authorization", owner.bearer())
                .header("Content-Type", "application/x-stack-test")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode blob = Accounts.json(created.body());
    String id = blob.path("id").asText();
    assertThat(blob.path("size").asLong()).isEqualTo(bytes.length);
    assertThat(blob.path("sha256").asText()).isEqualTo(sha256(bytes));

    HttpResponse<String> redirect =
        Gateway.send("GET", "/api/v1/blobs/" + id, "Authorization", owner.bearer());
    assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
    URI presigned = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    HttpResponse<byte[]> download =
        CLIENT.send(
            HttpRequest.newBuilder(presigned).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(sha256(download.body())).isEqualTo(sha256(bytes));
    assertThat(download.headers().firstValue("Content-Type")).hasValue("application/x-stack-test");

    HttpResponse<InputStream> inline =
        CLIENT.send(
            HttpRequest.newBuilder(Gateway.BASE.resolve("/api/v1/blobs/" + id + "?inline=true"))
                .header("Authorization", owner.bearer())
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(inline.statusCode()).isEqualTo(200);
    assertThat(sha256(inline.body())).isEqualTo(sha256(bytes));

    assertThat(
            Gateway.send("GET", "/api/v1/blobs/" + id, "Authorization", stranger.bearer())
                .statusCode())
        .isEqualTo(404);

    HttpResponse<String> accepted =
        Gateway.send(
            "POST", "/api/v1/accounts/" + owner.id() + "/exports", "Authorization", owner.bearer());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String exportId = Accounts.json(accepted.body()).path("exportId").asText();
    JsonNode ready = awaitReady(owner, exportId);
    HttpResponse<String> export =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(ready.path("downloadUrl").asText())).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(export.statusCode()).isEqualTo(200);
    JsonNode document = Accounts.json(export.body());
    assertThat(document.at("/profile/email").asText()).isEqualTo(owner.email());
    assertThat(document.at("/blobs/0/id").asText()).isEqualTo(id);

    assertThat(
            Gateway.send("DELETE", "/api/v1/blobs/" + id, "Authorization", owner.bearer())
                .statusCode())
        .isEqualTo(204);
    assertThat(
            Gateway.send("GET", "/api/v1/blobs/" + id, "Authorization", owner.bearer())
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void erasingAnAccountRemovesItsBlobsAndExports() throws Exception {
    Accounts.SignedIn owner = Accounts.signUp();
    Accounts.SignedIn admin = Accounts.admin();
    HttpResponse<String> created =
        CLIENT.send(
            HttpRequest.newBuilder(Gateway.BASE.resolve("/api/v1/blobs"))
                .header("Authorization", owner.bearer())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("erase me"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = Accounts.json(created.body()).path("id").asText();
    URI blobUrl =
        URI.create(
            Gateway.send("GET", "/api/v1/blobs/" + id, "Authorization", owner.bearer())
                .headers()
                .firstValue("Location")
                .orElseThrow());
    String exportId =
        Accounts.json(
                Gateway.send(
                        "POST",
                        "/api/v1/accounts/" + owner.id() + "/exports",
                        "Authorization",
                        owner.bearer())
                    .body())
            .path("exportId")
            .asText();
    URI exportUrl = URI.create(awaitReady(owner, exportId).path("downloadUrl").asText());

    HttpResponse<String> erased =
        Gateway.send("DELETE", "/api/v1/accounts/" + owner.id(), "Authorization", owner.bearer());
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);

    assertThat(
            Gateway.send("GET", "/api/v1/blobs/" + id, "Authorization", admin.bearer())
                .statusCode())
        .isEqualTo(404);
    assertThat(
            Gateway.send("GET", "/api/v1/exports/" + exportId, "Authorization", admin.bearer())
                .statusCode())
        .isEqualTo(404);
    // The objects themselves go: URLs signed before the erasure find nothing any more.
    long deadline = System.nanoTime() + EXPORT_DEADLINE.toNanos();
    while ((status(blobUrl) == 200 || status(exportUrl) == 200) && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    assertThat(status(blobUrl)).isEqualTo(404);
    assertThat(status(exportUrl)).isEqualTo(404);
  }

  private static int status(URI url) throws IOException, InterruptedException {
    return CLIENT
        .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static JsonNode awaitReady(Accounts.SignedIn owner, String exportId)
      throws InterruptedException {
    long deadline = System.nanoTime() + EXPORT_DEADLINE.toNanos();
    JsonNode state;
    do {
      HttpResponse<String> answer =
          Gateway.send("GET", "/api/v1/exports/" + exportId, "Authorization", owner.bearer());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      state = Accounts.json(answer.body());
      if (!"pending".equals(state.path("status").asText())) {
        break;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    assertThat(state.path("status").asText()).as(state.toString()).isEqualTo("ready");
    return state;
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static String sha256(InputStream in) {
    MessageDigest digest = digest();
    try (in) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
