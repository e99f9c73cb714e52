package io.fourfold.session.flag;

import io.fourfold.eventing.http.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Every flag, evaluated for the signed-in caller (as the gateway identified it). */
@Path("/api/v1/flags")
@Produces(MediaType.APPLICATION_JSON)
public class FlagResource {

  private final Flags flags;

  public FlagResource(Flags flags) {
    this.flags = flags;
  }

  /** The caller's flags: key to on or off. */
  public record CallerFlags(Map<String, Boolean> flags) {}

  @GET
  public Uni<CallerFlags> get(@Context HttpHeaders headers) {
    Caller caller = Caller.required(headers);
    return flags.evaluateFor(caller.accountId()).map(CallerFlags::new);
  }
}
