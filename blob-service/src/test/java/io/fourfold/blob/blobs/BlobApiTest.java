package io.fourfold.blob.blobs;

import static io.fourfold.blob.support.Http.as;
import static io.fourfold.blob.support.Http.asAdmin;
import static io.fourfold.blob.support.Http.fetch;
import static io.fourfold.blob.support.Http.presignedUrl;
import static io.fourfold.blob.support.Http.sha256;
import static io.fourfold.blob.support.Http.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fourfold.blob.storage.ObjectKeys;
import io.fourfold.blob.support.Bucket;
import io.fourfold.blob.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Uploads, downloads and deletions of small blobs on the real S3Proxy. */
@QuarkusTest
class BlobApiTest {

  @Inject Bucket bucket;

  @Test
  void anUploadAnswersItsIdSizeChecksumAndTypeAndTheBytesComeBackInline() {
    String owner = UUID.randomUUID().toString();
    byte[] bytes = "hello, blob".getBytes(StandardCharsets.UTF_8);

    var created = upload(owner, bytes, "text/plain");

    created.then().statusCode(201);
    String id = created.path("id");
    assertThat(created.header("Location")).endsWith("/api/v1/blobs/" + id);
    assertThat((Integer) created.path("size")).isEqualTo(bytes.length);
    assertThat((String) created.path("sha256")).isEqualTo(sha256(bytes));
    assertThat((String) created.path("contentType")).isEqualTo("text/plain");

    var inline = as(owner).queryParam("inline", true).get("/api/v1/blobs/" + id);
    inline.then().statusCode(200).header("Content-Type", "text/plain");
    assertThat(inline.asByteArray()).isEqualTo(bytes);
    assertThat(inline.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
  }

  @Test
  void theBytesAreStoredUnderTheAccountsContentKey() {
    String owner = UUID.randomUUID().toString();
    byte[] bytes = "content-addressed".getBytes(StandardCharsets.UTF_8);

    upload(owner, bytes, "text/plain").then().statusCode(201);

    assertThat(bucket.keys(ObjectKeys.accountPrefix(owner)))
        .containsExactly(ObjectKeys.content(owner, sha256(bytes)));
  }

  @Test
  void aDownloadRedirectsToAPresignedUrlThatServesTheBytesWithTheirType() {
    String owner = UUID.randomUUID().toString();
    byte[] bytes = "presigned".getBytes(StandardCharsets.UTF_8);
    String id = upload(owner, bytes, "application/x-test").path("id");

    URI url = presignedUrl(owner, id);
    HttpResponse<byte[]> download = fetch(url);

    assertThat(url.toString()).startsWith("http://127.0.0.1:19000/fourfold-blobs-test/");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(bytes);
    assertThat(sha256(download.body())).isEqualTo(sha256(bytes));
    assertThat(download.headers().firstValue("Content-Type")).hasValue("application/x-test");
  }

  @Test
  void aPresignedUrlStopsWorkingWhenItExpires() {
    String owner = UUID.randomUUID().toString();
    String id =
        upload(owner, "short-lived".getBytes(StandardCharsets.UTF_8), "text/plain").path("id");
    URI url = presignedUrl(owner, id);

    assertThat(fetch(url).statusCode()).isEqualTo(200);
    // download-ttl is 3 s in the test profile
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> fetch(url).statusCode() == 403);
  }

  @Test
  void aTamperedPresignedUrlIsRefused() {
    String owner = UUID.randomUUID().toString();
    byte[] bytes = "tamper".getBytes(StandardCharsets.UTF_8);
    String id = upload(owner, bytes, "text/plain").path("id");
    String url = presignedUrl(owner, id).toString();
    String otherId =
        upload(owner, "other".getBytes(StandardCharsets.UTF_8), "text/plain").path("id");
    String otherKey = presignedUrl(owner, otherId).getPath();

    String signature = url.replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
    String flipped = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
    URI badSignature = URI.create(url.replace(signature, flipped));
    URI otherObject = URI.create(url.replace(URI.create(url).getPath(), otherKey));

    assertThat(fetch(URI.create(url)).statusCode()).isEqualTo(200);
    assertThat(fetch(badSignature).statusCode()).isEqualTo(403);
    assertThat(fetch(otherObject).statusCode()).isEqualTo(403);
  }

  @Test
  void onlyTheOwnerOrAnAdminReachesABlobAndOthersCannotTellItExists() {
    String owner = UUID.randomUUID().toString();
    String stranger = UUID.randomUUID().toString();
    String id = upload(owner, "mine".getBytes(StandardCharsets.UTF_8), "text/plain").path("id");

    as(stranger).redirects().follow(false).get("/api/v1/blobs/" + id).then().statusCode(404);
    as(stranger).queryParam("inline", true).get("/api/v1/blobs/" + id).then().statusCode(404);
    as(stranger).delete("/api/v1/blobs/" + id).then().statusCode(404);
    as(stranger)
        .redirects()
        .follow(false)
        .get("/api/v1/blobs/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");

    asAdmin(stranger).redirects().follow(false).get("/api/v1/blobs/" + id).then().statusCode(302);
    as(owner).queryParam("inline", true).get("/api/v1/blobs/" + id).then().statusCode(200);
  }

  @Test
  void anUnauthenticatedCallerIsRefused() {
    given()
        .contentType("text/plain")
        .body("x")
        .post("/api/v1/blobs")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given().get("/api/v1/blobs/" + UUID.randomUUID()).then().statusCode(401);
  }

  @Test
  void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItIsRead() {
    String owner = UUID.randomUUID().toString();

    String answer = RawHttp.postDeclaring("/api/v1/blobs", owner, 61L << 20);

    // the test profile's limit is 60M
    assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");

    assertThat(bucket.keys(ObjectKeys.accountPrefix(owner))).isEmpty();
  }

  @Test
  void deletingABlobRemovesItAndItsObject() {
    String owner = UUID.randomUUID().toString();
    byte[] bytes = "delete me".getBytes(StandardCharsets.UTF_8);
    String id = upload(owner, bytes, "text/plain").path("id");

    as(owner).delete("/api/v1/blobs/" + id).then().statusCode(204);

    as(owner).redirects().follow(false).get("/api/v1/blobs/" + id).then().statusCode(404);
    as(owner).delete("/api/v1/blobs/" + id).then().statusCode(404);
    assertThat(bucket.keys(ObjectKeys.accountPrefix(owner))).isEmpty();
  }

  @Test
  void twoBlobsOfTheSameBytesShareOneObjectUntilTheLastIsDeleted() {
    String owner = UUID.randomUUID().toString();
    byte[] bytes = "same bytes".getBytes(StandardCharsets.UTF_8);
    String first = upload(owner, bytes, "text/plain").path("id");
    String second = upload(owner, bytes, "text/plain").path("id");
    String key = ObjectKeys.content(owner, sha256(bytes));

    assertThat(first).isNotEqualTo(second);
    assertThat(bucket.keys(ObjectKeys.accountPrefix(owner))).containsExactly(key);

    as(owner).delete("/api/v1/blobs/" + first).then().statusCode(204);

    assertThat(bucket.keys(ObjectKeys.accountPrefix(owner))).containsExactly(key);
    var kept = as(owner).queryParam("inline", true).get("/api/v1/blobs/" + second);
    kept.then().statusCode(200);
    assertThat(kept.asByteArray()).isEqualTo(bytes);

    as(owner).delete("/api/v1/blobs/" + second).then().statusCode(204);

    assertThat(bucket.keys(ObjectKeys.accountPrefix(owner))).isEmpty();
  }

  @Test
  void aBlobIdThatIsNotAUuidNamesNothing() {
    as(UUID.randomUUID().toString())
        .get("/api/v1/blobs/not-a-blob")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void anUploadRepeatedWithItsIdempotencyKeyAnswersTheFirstBlobAndStoresNoOther() {
    String owner = UUID.randomUUID().toString();
    String key = UUID.randomUUID().toString();
    byte[] bytes = "once".getBytes(StandardCharsets.UTF_8);

    var first =
        as(owner)
            .header("Idempotency-Key", key)
            .contentType("text/plain")
            .body(bytes)
            .post("/api/v1/blobs");
    var repeat =
        as(owner)
            .header("Idempotency-Key", key)
            .contentType("text/plain")
            .body(bytes)
            .post("/api/v1/blobs");
    var other =
        as(owner)
            .header("Idempotency-Key", key)
            .contentType("text/plain")
            .body("another body".getBytes(StandardCharsets.UTF_8))
            .post("/api/v1/blobs");

    first
        .then()
        .statusCode(201)
        .header("X-Consistency-Token", org.hamcrest.Matchers.notNullValue());
    repeat.then().statusCode(201);
    assertThat((String) repeat.path("id")).isEqualTo(first.path("id"));
    assertThat(repeat.header("X-Consistency-Token")).isEqualTo(first.header("X-Consistency-Token"));
    other.then().statusCode(422).contentType("application/problem+json");
    assertThat(bucket.keys(ObjectKeys.accountPrefix(owner)))
        .containsExactly(ObjectKeys.content(owner, sha256(bytes)));
  }
}
