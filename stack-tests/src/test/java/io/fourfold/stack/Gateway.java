package io.fourfold.stack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The suite as a client sees it: HTTP requests to the gateway of a running stack. */
final class Gateway {

  static final URI BASE =
      URI.create(System.getenv().getOrDefault("FOURFOLD_GATEWAY_URL", "http://127.0.0.1:8080"));

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Gateway() {}

  static HttpResponse<String> send(String method, String path, String... headers) {
    return sendJson(method, path, null, headers);
  }

  /** Sends {@code body} as JSON (none when null). */
  static HttpResponse<String> sendJson(String method, String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(BASE.resolve(path))
            .timeout(Duration.ofSeconds(15))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IllegalStateException(
          "No gateway answers at " + BASE + ": start the suite with ./fourfold up", e);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " interrupted", e);
    }
  }
}
