package io.fourfold.eventing.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.projection.generation.Rebuilds;
import io.fourfold.eventing.store.AxonEventStore;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every projection's staleness: {@code /internal/projections} reports this service's projections
 * (never routed by the gateway), and {@code GET /api/v1/projections} (admins) gathers them from
 * every service named in {@code fourfold.operations.peers}, so one call shows the whole suite.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionsResource {

  private static final Logger LOG = Logger.getLogger(ProjectionsResource.class);
  private static final Duration PEER_TIMEOUT = Duration.ofSeconds(2);

  private final Instance<Projector> projectors;
  private final ProjectionRuntime runtime;
  private final ProjectionMetrics metrics;
  private final Instance<AxonEventStore> eventStore;
  private final Rebuilds rebuilds;
  private final ObjectMapper json;
  private final String service;
  private final List<String> peers;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(PEER_TIMEOUT).build();

  public ProjectionsResource(
      Instance<Projector> projectors,
      ProjectionRuntime runtime,
      ProjectionMetrics metrics,
      Instance<AxonEventStore> eventStore,
      Rebuilds rebuilds,
      ObjectMapper json,
      @ConfigProperty(name = "quarkus.application.name") String service,
      @ConfigProperty(name = "fourfold.operations.peers") Optional<List<String>> peers) {
    this.projectors = projectors;
    this.runtime = runtime;
    this.metrics = metrics;
    this.eventStore = eventStore;
    this.rebuilds = rebuilds;
    this.json = json;
    this.service = service;
    this.peers = peers.orElse(List.of());
  }

  /** This service's projections. */
  @GET
  @Path("/internal/projections")
  public List<ProjectionReport> local() {
    Long head = head();
    Map<String, Rebuilds.Serving> generations = generations();
    List<ProjectionReport> reports = new ArrayList<>();
    for (Projector projector : projectors) {
      ProjectionStatus.Snapshot status = runtime.statusOf(projector.name()).read();
      Rebuilds.Serving serving = generations.get(projector.name());
      String state =
          serving != null && serving.operationRunning()
              ? "rebuilding"
              : status.state().name().toLowerCase(Locale.ROOT);
      reports.add(
          new ProjectionReport(
              projector.name(),
              projector.store().apiName(),
              serving == null ? 1 : serving.generation(),
              status.globalIndex(),
              head,
              metrics.lagEvents(projector.name()),
              metrics.lagSeconds(projector.name()),
              state,
              service,
              status.deadLetters()));
    }
    return reports;
  }

  /** The serving generations from the registry; none (so generation 1) while it cannot be read. */
  private Map<String, Rebuilds.Serving> generations() {
    try {
      return rebuilds.serving();
    } catch (SQLException | RuntimeException e) {
      LOG.warnf("Cannot read the projections' generations: %s", e.toString());
      return Map.of();
    }
  }

  /**
   * Every projection of every service this one knows; a service that does not answer is left out.
   */
  @GET
  @Path("/api/v1/projections")
  public List<ProjectionReport> suite(@Context HttpHeaders headers) {
    Caller.required(headers).requireAdmin();
    List<ProjectionReport> reports = new ArrayList<>(local());
    for (String peer : peers) {
      for (ProjectionReport report : fetch(peer)) {
        if (!report.service().equals(service)) {
          reports.add(report);
        }
      }
    }
    return reports;
  }

  private List<ProjectionReport> fetch(String peer) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(peer.replaceAll("/+$", "") + "/internal/projections"))
            .timeout(PEER_TIMEOUT)
            .GET()
            .build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        LOG.warnf("%s answered %d for its projections", peer, response.statusCode());
        return List.of();
      }
      return Arrays.asList(json.readValue(response.body(), ProjectionReport[].class));
    } catch (IOException e) {
      LOG.warnf("%s did not report its projections: %s", peer, e.toString());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private Long head() {
    if (eventStore.isResolvable()) {
      TrackingToken token = eventStore.get().events().createHeadToken();
      return token instanceof GapAwareTrackingToken gapAware ? gapAware.getIndex() : null;
    }
    // A projector without Axon may still read the event store's database (for rebuilds).
    try {
      OptionalLong head = rebuilds.head();
      return head.isPresent() ? head.getAsLong() : null;
    } catch (SQLException e) {
      LOG.warnf("Cannot read the event store's head: %s", e.toString());
      return null;
    }
  }
}
