package io.fourfold.eventing.projection.generation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;

/** This service's rebuildable projections and their generations, for {@code replay-cli list}. */
@Path("/internal/generations")
@Produces(MediaType.APPLICATION_JSON)
public class GenerationsResource {

  private final Rebuilds rebuilds;

  public GenerationsResource(Rebuilds rebuilds) {
    this.rebuilds = rebuilds;
  }

  /** Every rebuildable projection of this service, its generations and its last operation. */
  @GET
  public List<ProjectionGenerations> generations() throws SQLException {
    return rebuilds.generations();
  }
}
