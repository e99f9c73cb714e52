package io.fourfold.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * c. command-to-visible latency through the running account-service over HTTP: K accounts are
 * registered, then PATCH requests go out open-loop on a fixed schedule (request i is due at t0 +
 * i/R whatever happened to the others, and its latency counts from when it was due, so a stall is
 * not hidden by sending less). After each PATCH answer a GET with {@code X-Consistent-With} (the
 * answer's token) asks the read model for that version.
 *
 * <p>The service is called directly (not through the gateway), with the caller headers the gateway
 * sets after authentication.
 *
 * <p>account-service answers a PATCH only once its read model has applied the command (or after 2
 * s, then saying {@code X-Consistency: stale}), so "due → PATCH answered fresh" is already the time
 * from command to visible in the read model; the GET is an independent check of it.
 */
final class LatencyScenario {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

  /** What the run measured. */
  record Result(
      long offered,
      double offeredRate,
      double achievedRate,
      Histogram patch,
      Histogram confirm,
      Histogram dueToVisible,
      long patchStale,
      long getStale,
      Map<String, Long> errors,
      long maxDispatchLagMicros) {}

  private final Options options;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  LatencyScenario(Options options) {
    this.options = options;
  }

  /** Registers K accounts (4 at a time: registration hashes a password with bcrypt). */
  List<String> register() throws Exception {
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    String run = Long.toString(System.currentTimeMillis(), 36);
    Parallel.run(
        4,
        "register",
        thread -> {
          for (int i = thread; i < options.accounts; i += 4) {
            String body =
                "{\"email\":\"bench-%s-%d@example.com\",\"displayName\":\"Bench %d\",\"password\":\"bench-password-%d\"}"
                    .formatted(run, i, i, i);
            HttpResponse<String> response =
                http.send(
                    request("/api/v1/accounts")
                        .header("Idempotency-Key", "bench-" + run + "-" + i)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
              throw new IllegalStateException(
                  "registration answered " + response.statusCode() + ": " + response.body());
            }
            Matcher id = ID.matcher(response.body());
            if (!id.find()) {
              throw new IllegalStateException("registration answered no id: " + response.body());
            }
            ids.add(id.group(1));
          }
        });
    return new ArrayList<>(ids);
  }

  Result run(List<String> ids) throws Exception {
    long offered = (long) options.rate * options.durationSeconds;
    long periodNanos = 1_000_000_000L / options.rate;
    Histogram patch = Table.histogram();
    Histogram confirm = Table.histogram();
    Histogram dueToVisible = Table.histogram();
    LongAdder patchStale = new LongAdder();
    LongAdder getStale = new LongAdder();
    LongAdder patched = new LongAdder();
    AtomicLong lastPatchDone = new AtomicLong();
    Map<String, Long> errors = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> inFlight = new ArrayList<>((int) offered);
    long maxLag = 0;
    long t0 = System.nanoTime() + 50_000_000L;
    for (long i = 0; i < offered; i++) {
      long due = t0 + i * periodNanos;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      maxLag = Math.max(maxLag, System.nanoTime() - due);
      String id = ids.get((int) (i % ids.size()));
      HttpRequest request =
          asOwner(request("/api/v1/accounts/" + id), id)
              .method(
                  "PATCH",
                  HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Bench " + i + "\"}"))
              .build();
      inFlight.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
              .thenCompose(
                  response -> {
                    long patchDone = System.nanoTime();
                    if (response.statusCode() != 200) {
                      throw new IllegalStateException("PATCH " + response.statusCode());
                    }
                    patch.recordValue(patchDone - due);
                    patched.increment();
                    lastPatchDone.accumulateAndGet(patchDone, Math::max);
                    if (!"fresh".equals(header(response, "X-Consistency"))) {
                      patchStale.increment();
                    }
                    HttpRequest get =
                        asOwner(request("/api/v1/accounts/" + id), id)
                            .header("X-Consistent-With", header(response, "X-Consistency-Token"))
                            .header("X-Consistency-Timeout-Ms", "2000")
                            .GET()
                            .build();
                    return http.sendAsync(get, HttpResponse.BodyHandlers.discarding())
                        .thenAccept(
                            answer -> {
                              long visible = System.nanoTime();
                              if (answer.statusCode() != 200) {
                                throw new IllegalStateException("GET " + answer.statusCode());
                              }
                              if ("fresh".equals(header(answer, "X-Consistency"))) {
                                confirm.recordValue(visible - patchDone);
                                dueToVisible.recordValue(visible - due);
                              } else {
                                getStale.increment();
                              }
                            });
                  })
              .exceptionally(
                  failure -> {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    String key =
                        cause instanceof IllegalStateException
                            ? cause.getMessage()
                            : cause.getClass().getSimpleName();
                    errors.merge(key, 1L, Long::sum);
                    return null;
                  }));
    }
    try {
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      long open = inFlight.stream().filter(f -> !f.isDone()).count();
      errors.merge("still unanswered 60 s after the last request was due", open, Long::sum);
    }
    double offeredSeconds = offered * periodNanos / 1e9;
    double achieved = patched.sum() / ((lastPatchDone.get() - t0) / 1e9);
    return new Result(
        offered,
        offered / offeredSeconds,
        achieved,
        patch,
        confirm,
        dueToVisible,
        patchStale.sum(),
        getStale.sum(),
        errors,
        maxLag / 1_000);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(options.serviceUrl + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json");
  }

  /**
   * The headers the gateway passes on once session-service has authenticated the caller (it strips
   * any a client sends): the service is called directly, so the benchmark measures the command and
   * the read model, not the gateway's sign-in check.
   */
  private static HttpRequest.Builder asOwner(HttpRequest.Builder request, String accountId) {
    return request.header("X-Account-Id", accountId).header("X-Account-Role", "user");
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse("");
  }
}
