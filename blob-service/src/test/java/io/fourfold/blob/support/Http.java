package io.fourfold.blob.support;

import static io.restassured.RestAssured.given;

import io.fourfold.eventing.http.Caller;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Requests as the gateway passes them on (the caller in headers), and plain GETs of S3 URLs. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Http() {}

  /** A request of the account, as a user. */
  public static RequestSpecification as(String accountId) {
    return exact().header(Caller.ACCOUNT_ID, accountId).header(Caller.ROLE, "user");
  }

  /** A request of an admin. */
  public static RequestSpecification asAdmin(String accountId) {
    return exact().header(Caller.ACCOUNT_ID, accountId).header(Caller.ROLE, "admin");
  }

  /** Sends the Content-Type as given (REST Assured would add a charset to text types). */
  private static RequestSpecification exact() {
    return given()
        .config(
            RestAssured.config()
                .encoderConfig(
                    EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)));
  }

  /** Uploads bytes as the account; answers the response. */
  public static Response upload(String accountId, byte[] bytes, String contentType) {
    return as(accountId).contentType(contentType).body(bytes).post("/api/v1/blobs");
  }

  /** Where {@code GET /api/v1/blobs/{id}} redirects to. */
  public static URI presignedUrl(String accountId, String blobId) {
    Response response =
        as(accountId).redirects().follow(false).get("/api/v1/blobs/" + blobId).andReturn();
    if (response.statusCode() != 302) {
      throw new AssertionError("expected 302, got " + response.statusCode());
    }
    return URI.create(response.header("Location"));
  }

  /** GETs a URL (S3, presigned) and answers the response with its body. */
  public static HttpResponse<byte[]> fetch(URI url) {
    try {
      return CLIENT.send(
          HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GETs a URL and answers the status and the SHA-256 of the body, streamed (never held). */
  public static Digested fetchDigest(URI url, String accountId) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
      if (accountId != null) {
        request.header(Caller.ACCOUNT_ID, accountId).header(Caller.ROLE, "user");
      }
      HttpResponse<InputStream> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      long size = 0;
      try (InputStream in = response.body()) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha256.update(buffer, 0, n);
          size += n;
        }
      }
      return new Digested(
          response.statusCode(),
          size,
          HexFormat.of().formatHex(sha256.digest()),
          response.headers().firstValue("Content-Type").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A downloaded body's status, size, SHA-256 and type. */
  public record Digested(int status, long size, String sha256, String contentType) {}

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
