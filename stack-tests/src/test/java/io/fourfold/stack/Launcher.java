package io.fourfold.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The local stack's launcher ({@code ./fourfold}), for tests that stop and start a component. */
final class Launcher {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Launcher() {}

  /** The {@code fourfold} script of this checkout, if the tests run inside one. */
  static Optional<Path> script() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve("fourfold");
      if (Files.isRegularFile(script) && Files.isDirectory(dir.resolve("deploy/local"))) {
        return Optional.of(script);
      }
    }
    return Optional.empty();
  }

  /** Runs {@code ./fourfold <args>} and answers its output; fails when it does not exit 0. */
  static String run(String... args) {
    Path script = script().orElseThrow(() -> new IllegalStateException("no ./fourfold found"));
    List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(script.getParent().toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      boolean done = process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!done) {
        process.destroyForcibly();
      }
      assertThat(done).as("./fourfold %s finished: %s", String.join(" ", args), output).isTrue();
      assertThat(process.exitValue())
          .as("./fourfold %s: %s", String.join(" ", args), output)
          .isZero();
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until a service's readiness check answers 200 (every store it needs is back). */
  static void awaitReady(URI service, Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    int status = -1;
    while (System.nanoTime() < end) {
      status = readiness(service);
      if (status == 200) {
        return;
      }
      pause(Duration.ofMillis(200));
    }
    throw new AssertionError(
        service + "/q/health/ready still answers " + status + " after " + deadline);
  }

  /** The status of a service's readiness check, -1 when it does not answer. */
  static int readiness(URI service) {
    try {
      return CLIENT
          .send(
              HttpRequest.newBuilder(service.resolve("/q/health/ready"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
