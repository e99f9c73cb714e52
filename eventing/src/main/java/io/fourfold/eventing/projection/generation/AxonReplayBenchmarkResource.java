package io.fourfold.eventing.projection.generation;

import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Axon's own replay of one of this service's projections, for the rebuild benchmarks
 * (benchmarks/replay.sh, benchmarks/replay-stores.sh): 404 unless {@code
 * fourfold.rebuild.benchmark.enabled}, which no deployment sets. Internal, never routed by the
 * gateway.
 */
@Path("/internal/benchmarks/axon-replay")
@Produces(MediaType.APPLICATION_JSON)
public class AxonReplayBenchmarkResource {

  private final AxonReplayBenchmark axon;

  public AxonReplayBenchmarkResource(AxonReplayBenchmark axon) {
    this.axon = axon;
  }

  /** Replays every event into a scratch generation at a batch size; answers when at the head. */
  @POST
  @Path("/{projection}")
  public AxonReplayBenchmark.Result replay(
      @PathParam("projection") String projection,
      @QueryParam("batchSize") @DefaultValue("1") int batchSize,
      @QueryParam("generation") @DefaultValue("900") int generation)
      throws Exception {
    if (!axon.enabled()) {
      throw new ProblemException(
          Problem.ofStatus(404, "Not Found", "the replay benchmark is not enabled here"));
    }
    return axon.replay(projection, batchSize, generation);
  }
}
