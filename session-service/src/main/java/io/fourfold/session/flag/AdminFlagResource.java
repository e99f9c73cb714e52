package io.fourfold.session.flag;

import io.fourfold.eventing.http.BlockingWork;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import io.fourfold.eventing.projection.ConsistencyFilters;
import io.fourfold.eventing.projection.ConsistencyWaits;
import io.fourfold.eventing.store.CommandContext;
import io.fourfold.schema.consistency.ConsistencyToken;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;

/**
 * Admins set feature flags. The answer waits (briefly) until the flag projection serves the new
 * rule, so the admin's next {@code GET /api/v1/flags} already sees it; {@code X-Consistency} says
 * whether it did.
 */
@Path("/api/v1/admin/flags")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminFlagResource {

  private static final Duration ANSWER_WAIT = Duration.ofSeconds(2);

  private final FlagCommands commands;
  private final FlagProjector projection;
  private final ConsistencyWaits waits;
  private final BlockingWork blocking;

  public AdminFlagResource(
      FlagCommands commands,
      FlagProjector projection,
      ConsistencyWaits waits,
      BlockingWork blocking) {
    this.commands = commands;
    this.projection = projection;
    this.waits = waits;
    this.blocking = blocking;
  }

  /** A flag as set. */
  public record FlagAnswer(
      String key,
      boolean enabled,
      int rolloutPercent,
      List<String> allowAccounts,
      List<String> denyAccounts,
      long version) {}

  @PUT
  @Path("/{key}")
  public Uni<Response> put(
      @PathParam("key") String key, @Context HttpHeaders headers, FlagRequest request) {
    Caller caller = Caller.required(headers).requireAdmin();
    if (request == null) {
      throw new ProblemException(
          Problem.of("malformed-body", 400, "Malformed request body", "Send the flag's rule."));
    }
    request.requireValid(key);
    return blocking
        .run(
            () ->
                CommandContext.callAs(
                    caller,
                    () ->
                        commands.change(
                            key,
                            request.enabled(),
                            request.rolloutPercent(),
                            request.allow(),
                            request.deny())))
        .flatMap(token -> answer(key, request, token));
  }

  private Uni<Response> answer(String key, FlagRequest request, ConsistencyToken token) {
    return waits
        .awaitApplied(projection, List.of(token), ANSWER_WAIT)
        .map(
            fresh ->
                Response.ok(
                        new FlagAnswer(
                            key,
                            request.enabled(),
                            request.rolloutPercent(),
                            request.allow(),
                            request.deny(),
                            token.sequence()))
                    .header(ConsistencyFilters.CONSISTENCY_TOKEN, token.encode())
                    .header(ConsistencyFilters.CONSISTENCY, fresh ? "fresh" : "stale")
                    .build());
  }
}
