package io.fourfold.billing.plan;

import io.fourfold.billing.money.Money;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public plan catalogue. */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Plans")
public class PlanResource {

  private final PlanCatalogue catalogue;

  public PlanResource(PlanCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** A plan as the API shows it. */
  public record PlanResponse(String id, String name, Money monthlyPrice, int rateLimitPerMinute) {

    static PlanResponse of(Plan plan) {
      return new PlanResponse(
          plan.id(), plan.name(), plan.monthlyPrice(), plan.rateLimitPerMinute());
    }
  }

  @GET
  @Operation(summary = "The plans on sale, cheapest first (public)")
  public List<PlanResponse> list() {
    return catalogue.all().stream().map(PlanResponse::of).toList();
  }
}
