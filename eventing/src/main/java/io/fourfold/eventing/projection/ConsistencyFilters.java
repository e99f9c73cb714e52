package io.fourfold.eventing.projection;

import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import io.fourfold.schema.consistency.ConsistencyToken;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Read your writes over HTTP: a GET that sends {@code X-Consistent-With} waits until the projection
 * serving this service's reads has applied those events, up to {@code X-Consistency-Timeout-Ms},
 * and the answer says {@code X-Consistency: fresh} or {@code stale}.
 */
public class ConsistencyFilters {

  public static final String CONSISTENT_WITH = "X-Consistent-With";
  public static final String TIMEOUT = "X-Consistency-Timeout-Ms";
  public static final String CONSISTENCY = "X-Consistency";
  public static final String CONSISTENCY_TOKEN = "X-Consistency-Token";

  static final long DEFAULT_TIMEOUT_MS = 2_000;
  static final long MAX_TIMEOUT_MS = 10_000;
  private static final String OUTCOME = ConsistencyFilters.class.getName() + ".outcome";

  private final ConsistencyWaits waits;
  private final Optional<Projector> servingProjection;

  public ConsistencyFilters(
      ConsistencyWaits waits, Instance<Projector> projectors, ProjectionConfig config) {
    this.waits = waits;
    this.servingProjection =
        config
            .servesReads()
            .flatMap(name -> projectors.stream().filter(p -> p.name().equals(name)).findFirst());
  }

  @ServerRequestFilter
  public Uni<Void> awaitConsistency(ContainerRequestContext request) {
    String header = request.getHeaderString(CONSISTENT_WITH);
    if (header == null || header.isBlank() || !"GET".equals(request.getMethod())) {
      return Uni.createFrom().voidItem();
    }
    List<ConsistencyToken> tokens = tokens(header);
    Duration timeout = timeout(request.getHeaderString(TIMEOUT));
    if (servingProjection.isEmpty()) {
      request.setProperty(OUTCOME, "fresh");
      return Uni.createFrom().voidItem();
    }
    return waits
        .awaitApplied(servingProjection.get(), tokens, timeout)
        .invoke(fresh -> request.setProperty(OUTCOME, fresh ? "fresh" : "stale"))
        .replaceWithVoid();
  }

  @ServerResponseFilter
  public void reportConsistency(
      ContainerRequestContext request, ContainerResponseContext response) {
    Object outcome = request.getProperty(OUTCOME);
    if (outcome != null) {
      response.getHeaders().putSingle(CONSISTENCY, outcome);
    }
  }

  private static List<ConsistencyToken> tokens(String header) {
    try {
      return ConsistencyToken.decodeAll(header);
    } catch (IllegalArgumentException e) {
      throw badHeader(CONSISTENT_WITH, "is not a list of consistency tokens this service issued");
    }
  }

  private static Duration timeout(String header) {
    if (header == null || header.isBlank()) {
      return Duration.ofMillis(DEFAULT_TIMEOUT_MS);
    }
    try {
      long millis = Long.parseLong(header.trim());
      if (millis < 0) {
        throw badHeader(TIMEOUT, "must not be negative");
      }
      return Duration.ofMillis(Math.min(millis, MAX_TIMEOUT_MS));
    } catch (NumberFormatException e) {
      throw badHeader(TIMEOUT, "must be a whole number of milliseconds");
    }
  }

  private static ProblemException badHeader(String header, String message) {
    return new ProblemException(
        Problem.of("invalid-header", 400, "Invalid header", header + " " + message)
            .withErrors(List.of(new Problem.FieldError(header, message))));
  }
}
