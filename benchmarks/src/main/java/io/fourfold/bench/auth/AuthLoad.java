package io.fourfold.bench.auth;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator for session-service's {@code /internal/auth}: requests are due at a
 * fixed rate whatever the answers do, and each one's latency is measured from when it was due (not
 * from when a free connection sent it), so a stall shows in the figures instead of hiding in a
 * lower request rate (no coordinated omission). Sends the headers nginx's auth_request sends,
 * rotating over the bearer tokens of a file (one per line). Run by {@code benchmarks/auth.sh}.
 */
public final class AuthLoad {

  private final LoadOptions options;
  private final List<String> tokens;
  private final Vertx vertx;
  private final HttpClient client;
  private final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
  private final Map<String, Long> outcomes = new TreeMap<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private long started;
  private long measureFrom;
  private long end;
  private long nextDue;
  private long sent;
  private long measuredAnswers;
  private long inFlight;
  private long lastAnswer;

  private AuthLoad(LoadOptions options, List<String> tokens) {
    this.options = options;
    this.tokens = tokens;
    // One event loop: the machine is small, and the server needs the other core more.
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    URI url = options.url();
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost(url.getHost())
                .setDefaultPort(url.getPort())
                .setKeepAlive(true)
                .setConnectTimeout(2_000),
            new PoolOptions().setHttp1MaxSize(options.connections()).setMaxWaitQueueSize(-1));
  }

  public static void main(String[] args) throws Exception {
    LoadOptions options = LoadOptions.parse(args);
    List<String> tokens =
        Files.readAllLines(options.tokens()).stream().filter(t -> !t.isBlank()).toList();
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("no tokens in " + options.tokens());
    }
    new AuthLoad(options, tokens).run();
  }

  private void run() throws InterruptedException {
    vertx.runOnContext(
        ignored -> {
          started = System.nanoTime();
          measureFrom = started + options.warmup().toNanos();
          end = measureFrom + options.duration().toNanos();
          nextDue = started;
          vertx.setPeriodic(1, timer -> tick(timer));
        });
    long waitSeconds = options.warmup().plus(options.duration()).toSeconds() + 60;
    if (!done.await(waitSeconds, TimeUnit.SECONDS)) {
      System.out.println("warning: answers still missing after the run: " + inFlight);
    }
    report();
    client.close();
    vertx.close();
  }

  /** Sends every request that is due by now, each stamped with the time it was due. */
  private void tick(long timer) {
    long now = System.nanoTime();
    long interval = TimeUnit.SECONDS.toNanos(1) / options.rate();
    while (nextDue <= now && nextDue < end) {
      send(nextDue);
      nextDue += interval;
    }
    if (nextDue >= end) {
      vertx.cancelTimer(timer);
      finishWhenAnswered();
    }
  }

  private void send(long due) {
    String token = tokens.get((int) (sent++ % tokens.size()));
    inFlight++;
    client
        .request(HttpMethod.GET, options.url().getRawPath())
        .compose(
            request ->
                request
                    .putHeader("Authorization", "Bearer " + token)
                    .putHeader("X-Original-Method", "GET")
                    .putHeader("X-Original-URI", "/api/v1/flags")
                    .putHeader("X-Real-IP", "127.0.0.1")
                    .putHeader("X-Auth-Request", "nginx")
                    .send())
        .compose(response -> response.body().map(body -> String.valueOf(response.statusCode())))
        .onComplete(
            result -> {
              inFlight--;
              if (due >= measureFrom) {
                long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due);
                latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                measuredAnswers++;
                lastAnswer = System.nanoTime();
                String outcome =
                    result.succeeded()
                        ? result.result()
                        : result.cause().getClass().getSimpleName();
                outcomes.merge(outcome, 1L, Long::sum);
              }
              finishWhenAnswered();
            });
  }

  private void finishWhenAnswered() {
    if (nextDue >= end && inFlight == 0) {
      done.countDown();
    }
  }

  private void report() {
    // From the first measured request's due time to the last measured answer: a server that falls
    // behind stretches this past the window, and the achieved rate drops below the target.
    double seconds = Math.max(options.duration().toNanos(), lastAnswer - measureFrom) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "target %d req/s for %ds after %ds warm-up, %d connections, %d sessions%n",
        options.rate(),
        options.duration().toSeconds(),
        options.warmup().toSeconds(),
        options.connections(),
        tokens.size());
    System.out.printf(
        Locale.ROOT,
        "achieved %.0f req/s (%d answers in the measured window), outcomes %s%n",
        measuredAnswers / seconds,
        measuredAnswers,
        outcomes);
    System.out.printf(
        Locale.ROOT,
        "latency from the due time, ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
        percentile(50),
        percentile(90),
        percentile(99),
        percentile(99.9),
        latency.getMaxValue() / 1000.0);
  }

  private double percentile(double p) {
    return latency.getValueAtPercentile(p) / 1000.0;
  }

  /** What to run: target, rate, how long, how many connections, which tokens. */
  record LoadOptions(
      URI url, int rate, Duration warmup, Duration duration, int connections, Path tokens) {

    static LoadOptions parse(String[] args) {
      URI url = URI.create("http://127.0.0.1:8083/internal/auth");
      int rate = 5_000;
      Duration warmup = Duration.ofSeconds(10);
      Duration duration = Duration.ofSeconds(30);
      int connections = 32;
      Path tokens = null;
      for (int i = 0; i + 1 < args.length; i += 2) {
        String value = args[i + 1];
        switch (args[i]) {
          case "--url" -> url = URI.create(value);
          case "--rate" -> rate = Integer.parseInt(value);
          case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value));
          case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(value));
          case "--connections" -> connections = Integer.parseInt(value);
          case "--tokens" -> tokens = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (tokens == null) {
        throw new IllegalArgumentException(
            "usage: AuthLoad --tokens FILE [--url U] [--rate N] [--warmup S] [--duration S]"
                + " [--connections N]");
      }
      return new LoadOptions(url, rate, warmup, duration, connections, tokens);
    }
  }
}
