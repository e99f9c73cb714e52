package io.fourfold.replay;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The services that own projections, reached over HTTP: rebuilds run inside them (where the
 * projectors, their stores and their configuration are), the CLI starts, follows and reports.
 */
@ApplicationScoped
public class Services {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<String> configured;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final ObjectMapper json =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  public Services(
      @ConfigProperty(name = "fourfold.operations.peers") Optional<List<String>> configured) {
    this.configured = configured.orElse(List.of());
  }

  /** A rebuildable projection's generation, as its service reports it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Generation(
      int generation,
      String state,
      String location,
      long checkpoint,
      Instant createdAt,
      Instant switchedAt) {}

  /** An operation's progress, as its service reports it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Progress(
      String projection,
      String operation,
      int generation,
      int from,
      String phase,
      long position,
      long target,
      long startPosition,
      long events,
      double eventsPerSecond,
      Instant startedAt,
      Instant finishedAt,
      String holder,
      String message) {
    boolean finished() {
      return finishedAt != null;
    }
  }

  /** A rebuildable projection with its generations. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Generations(
      String name,
      String store,
      String service,
      int active,
      List<Generation> generations,
      Progress operation) {}

  /** A projection's live staleness ({@code /internal/projections}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Report(
      String name,
      String store,
      int generation,
      long position,
      Long headPosition,
      long lagEvents,
      double lagSeconds,
      String state,
      String service) {}

  /** A projection and the address of the service that owns it. */
  public record Owned(String address, Generations generations) {}

  /** An answer that is not a success: its status and the problem's detail. */
  public static class Refused extends Exception {
    private final int status;

    Refused(int status, String detail) {
      super(detail);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** The addresses to ask: the option's when given, else the configured ones. */
  public List<String> addresses(List<String> override) {
    List<String> addresses = override == null || override.isEmpty() ? configured : override;
    return addresses.stream().map(a -> a.replaceAll("/+$", "")).filter(a -> !a.isBlank()).toList();
  }

  /** Every rebuildable projection of the services that answer; the others are named in misses. */
  public List<Owned> rebuildable(List<String> addresses, List<String> misses) {
    List<Owned> owned = new ArrayList<>();
    for (String address : addresses) {
      try {
        for (Generations generations :
            json.readValue(get(address + "/internal/generations"), Generations[].class)) {
          owned.add(new Owned(address, generations));
        }
      } catch (Refused e) {
        if (e.status() != 404) {
          misses.add(address + " (" + e.getMessage() + ")");
        }
        // 404: a service that has no rebuildable projection (yet).
      } catch (IOException e) {
        misses.add(address + " (" + e.getMessage() + ")");
      }
    }
    return owned;
  }

  /** Every projection's live report, from the services that answer. */
  public List<Report> reports(List<String> addresses) {
    List<Report> reports = new ArrayList<>();
    for (String address : addresses) {
      try {
        reports.addAll(
            Arrays.asList(json.readValue(get(address + "/internal/projections"), Report[].class)));
      } catch (IOException | Refused e) {
        // Named by rebuildable() already, or a service without projections.
      }
    }
    return reports;
  }

  Progress startRebuild(String address, String projection, Object request)
      throws IOException, Refused {
    return json.readValue(
        post(
            address + "/internal/projections/" + projection + "/rebuilds",
            json.writeValueAsBytes(request)),
        Progress.class);
  }

  Progress startRollback(String address, String projection) throws IOException, Refused {
    return json.readValue(
        post(address + "/internal/projections/" + projection + "/rollback", new byte[0]),
        Progress.class);
  }

  List<Integer> prune(String address, String projection) throws IOException, Refused {
    record Dropped(List<Integer> dropped) {}
    return json.readValue(
            post(address + "/internal/projections/" + projection + "/prune", new byte[0]),
            Dropped.class)
        .dropped();
  }

  Progress progress(String address, String projection) throws IOException, Refused {
    return json.readValue(
        get(address + "/internal/projections/" + projection + "/rebuilds/current"), Progress.class);
  }

  private byte[] get(String uri) throws IOException, Refused {
    return send(HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).GET().build());
  }

  private byte[] post(String uri, byte[] body) throws IOException, Refused {
    return send(
        HttpRequest.newBuilder(URI.create(uri))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private byte[] send(HttpRequest request) throws IOException, Refused {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (IOException e) {
      throw new IOException(
          "cannot reach " + request.uri().getAuthority() + ": " + e.getClass().getSimpleName());
    }
    if (response.statusCode() / 100 != 2) {
      String detail;
      try {
        detail = json.readTree(response.body()).path("detail").asText("");
      } catch (IOException notJson) {
        detail = "";
      }
      throw new Refused(
          response.statusCode(),
          detail.isEmpty() ? "HTTP " + response.statusCode() + " from " + request.uri() : detail);
    }
    return response.body();
  }
}
