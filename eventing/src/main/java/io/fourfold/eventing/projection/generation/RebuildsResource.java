package io.fourfold.eventing.projection.generation;

import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds, rollbacks and prunes of this service's projections, for {@code replay-cli}. Internal:
 * never routed by the gateway, like {@code /internal/projections}. The class path names a
 * projection so that {@code GET /internal/projections} itself still matches {@link
 * io.fourfold.eventing.projection.ProjectionsResource}.
 */
@Path("/internal/projections/{name}")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildsResource {

  private final Rebuilds rebuilds;

  public RebuildsResource(Rebuilds rebuilds) {
    this.rebuilds = rebuilds;
  }

  /**
   * Starts a rebuild: 202 with its first progress, 200 with the plan for a dry run, 409 naming the
   * holder when another operation on the projection runs.
   */
  @POST
  @Path("/rebuilds")
  public Response rebuild(@PathParam("name") String name, RebuildRequest request)
      throws SQLException {
    RebuildRequest effective = request == null ? RebuildRequest.full() : request;
    if (effective.fromPosition() != null && effective.fromPosition() < 1) {
      throw new ProblemException(
          Problem.ofStatus(400, "Bad Request", "fromPosition is a global index, 1 or more")
              .withErrors(List.of(new Problem.FieldError("fromPosition", "must be 1 or more"))));
    }
    try {
      RebuildProgress progress = rebuilds.rebuild(name, effective);
      return Response.status(effective.dryRun() ? 200 : 202).entity(progress).build();
    } catch (RebuildBusyException busy) {
      throw busy(busy);
    } catch (UnknownProjectionException unknown) {
      throw notFound(unknown);
    }
  }

  /** The last operation on a projection in this instance; 404 when there was none. */
  @GET
  @Path("/rebuilds/current")
  public RebuildProgress current(@PathParam("name") String name) {
    try {
      return rebuilds
          .progress(name)
          .orElseThrow(
              () ->
                  new ProblemException(
                      Problem.ofStatus(
                          404, "Not Found", "no operation ran on " + name + " in this instance")));
    } catch (UnknownProjectionException unknown) {
      throw notFound(unknown);
    }
  }

  /** Starts a rollback to the previous generation: 202, or 409 when none is kept or busy. */
  @POST
  @Path("/rollback")
  public Response rollback(@PathParam("name") String name) throws SQLException {
    try {
      return Response.status(202).entity(rebuilds.rollback(name)).build();
    } catch (RebuildBusyException busy) {
      throw busy(busy);
    } catch (UnknownProjectionException unknown) {
      throw notFound(unknown);
    } catch (IllegalStateException none) {
      throw new ProblemException(
          Problem.of("no-retired-generation", 409, "Nothing to roll back to", none.getMessage()));
    }
  }

  /** Drops the retired generations: 200 with the generations dropped. */
  @POST
  @Path("/prune")
  public Map<String, List<Integer>> prune(@PathParam("name") String name) throws SQLException {
    try {
      return Map.of("dropped", rebuilds.prune(name));
    } catch (RebuildBusyException busy) {
      throw busy(busy);
    } catch (UnknownProjectionException unknown) {
      throw notFound(unknown);
    }
  }

  private static ProblemException busy(RebuildBusyException busy) {
    return new ProblemException(
        Problem.of(
            "rebuild-running",
            409,
            "Another operation runs on this projection",
            busy.getMessage()));
  }

  private static ProblemException notFound(UnknownProjectionException unknown) {
    return new ProblemException(Problem.ofStatus(404, "Not Found", unknown.getMessage()));
  }
}
