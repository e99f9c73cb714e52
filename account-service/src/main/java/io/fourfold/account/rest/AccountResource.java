package io.fourfold.account.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.account.application.AccountCommands;
import io.fourfold.account.application.CommandResult;
import io.fourfold.account.application.HashedPassword;
import io.fourfold.account.application.RegisteredAccount;
import io.fourfold.account.command.AccountStatus;
import io.fourfold.account.query.AccountReadModelProjector;
import io.fourfold.account.query.AccountView;
import io.fourfold.eventing.http.BlockingWork;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import io.fourfold.eventing.idempotency.IdempotencyKeys;
import io.fourfold.eventing.idempotency.StoredAnswer;
import io.fourfold.eventing.projection.ConsistencyFilters;
import io.fourfold.eventing.projection.ConsistencyWaits;
import io.fourfold.eventing.store.CommandContext;
import io.fourfold.eventing.store.GroupCommit;
import io.fourfold.schema.account.AccountRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account endpoints of the public API. Commands run on a worker thread (the event store is
 * JDBC); their answer is the read model once it has applied the command, so a client sees its own
 * write, and every command answers a consistency token for later reads.
 */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

  private static final Duration ANSWER_WAIT = Duration.ofSeconds(2);
  private static final Pattern ACCOUNT_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern ETAG = Pattern.compile("^\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*$");

  private final AccountCommands commands;
  private final GroupCommit groupCommit;
  private final AccountReadModelProjector readModel;
  private final ConsistencyWaits waits;
  private final BlockingWork blocking;
  private final IdempotencyKeys idempotency;
  private final ObjectMapper objectMapper;

  public AccountResource(
      AccountCommands commands,
      GroupCommit groupCommit,
      AccountReadModelProjector readModel,
      ConsistencyWaits waits,
      BlockingWork blocking,
      IdempotencyKeys idempotency,
      ObjectMapper objectMapper) {
    this.commands = commands;
    this.groupCommit = groupCommit;
    this.readModel = readModel;
    this.waits = waits;
    this.blocking = blocking;
    this.idempotency = idempotency;
    this.objectMapper = objectMapper;
  }

  /** Registers an account; a repeat with the same {@code Idempotency-Key} gets the same answer. */
  @POST
  public Uni<Response> register(
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
      @Valid @NotNull AccountRequests.Registration request) {
    byte[] body = json(request);
    return blocking
        .run(
            () -> {
              HashedPassword password = HashedPassword.of(request.password());
              CommandContext context = CommandContext.capture(null);
              return groupCommit.run(
                  null,
                  () ->
                      context.run(
                          () ->
                              idempotency.once(
                                  "POST /api/v1/accounts",
                                  idempotencyKey,
                                  body,
                                  () -> registered(request, password))));
            })
        .map(AccountResource::replay);
  }

  @GET
  @Path("/{id}")
  public Uni<Response> get(@PathParam("id") String id, @Context HttpHeaders headers) {
    owner(headers, id);
    return find(id)
        .map(
            view ->
                Response.ok(AccountResponse.of(view)).tag(String.valueOf(view.version)).build());
  }

  @PATCH
  @Path("/{id}")
  public Uni<Response> patch(
      @PathParam("id") String id,
      @HeaderParam("If-Match") String ifMatch,
      @Context HttpHeaders headers,
      @Valid @NotNull AccountRequests.ProfilePatch request) {
    Caller caller = owner(headers, id);
    if (request.displayName() == null && request.email() == null) {
      throw invalid("body", "names no field to change (displayName, email)");
    }
    Long expected = expectedVersion(ifMatch);
    return command(
            id, () -> commands.patch(id, request.displayName(), request.email(), expected), caller)
        .flatMap(result -> answer(result, Response.Status.OK));
  }

  @PUT
  @Path("/{id}/password")
  public Uni<Response> changePassword(
      @PathParam("id") String id,
      @Context HttpHeaders headers,
      @Valid @NotNull AccountRequests.PasswordChange request) {
    Caller caller = owner(headers, id);
    return find(id)
        .flatMap(
            view ->
                blocking.run(
                    () -> {
                      HashedPassword.requireMatch(request.currentPassword(), view.passwordHash);
                      return HashedPassword.of(request.newPassword());
                    }))
        .flatMap(hashed -> command(id, () -> commands.changePassword(id, hashed), caller))
        .map(result -> withToken(Response.noContent(), result).build());
  }

  @POST
  @Path("/{id}/suspend")
  public Uni<Response> suspend(
      @PathParam("id") String id,
      @Context HttpHeaders headers,
      @Valid @NotNull AccountRequests.StatusChange request) {
    Caller caller = admin(headers, id);
    return command(id, () -> commands.suspend(id, request.reason()), caller)
        .flatMap(result -> answer(result, Response.Status.OK));
  }

  @POST
  @Path("/{id}/reactivate")
  public Uni<Response> reactivate(
      @PathParam("id") String id,
      @Context HttpHeaders headers,
      @Valid @NotNull AccountRequests.StatusChange request) {
    Caller caller = admin(headers, id);
    return command(id, () -> commands.reactivate(id, request.reason()), caller)
        .flatMap(result -> answer(result, Response.Status.OK));
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> erase(@PathParam("id") String id, @Context HttpHeaders headers) {
    Caller caller = owner(headers, id);
    return command(id, () -> commands.erase(id), caller)
        .map(result -> withToken(Response.accepted(), result).build());
  }

  private StoredAnswer registered(AccountRequests.Registration request, HashedPassword password) {
    RegisteredAccount account =
        commands.register(request.email(), request.displayName(), password, AccountRole.USER);
    AccountResponse body =
        new AccountResponse(
            account.accountId(),
            account.email(),
            account.displayName(),
            AccountStatus.ACTIVE.apiName(),
            AccountReadModelProjector.DEFAULT_PLAN,
            0,
            account.registeredAt());
    return new StoredAnswer(
        Response.Status.CREATED.getStatusCode(),
        "/api/v1/accounts/" + account.accountId(),
        account.token().encode(),
        new String(json(body), StandardCharsets.UTF_8));
  }

  private static Response replay(StoredAnswer answer) {
    return Response.status(answer.status())
        .location(URI.create(answer.location()))
        .header(ConsistencyFilters.CONSISTENCY_TOKEN, answer.consistencyToken())
        .tag("0")
        .type(MediaType.APPLICATION_JSON)
        .entity(answer.body())
        .build();
  }

  private byte[] json(Object value) {
    try {
      return objectMapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  static ProblemException notFound() {
    return new ProblemException(AccountProblems.NOT_FOUND);
  }

  /** Sends the account's command through group commit; answers once its events are durable. */
  private Uni<CommandResult> command(
      String accountId, Supplier<CommandResult> command, Caller caller) {
    return blocking.run(
        () -> {
          CommandContext context = CommandContext.capture(caller);
          return groupCommit.run(accountId, () -> context.run(command));
        });
  }

  /** The caller, who must be the account itself or an admin. */
  private static Caller owner(HttpHeaders headers, String id) {
    Caller caller = Caller.required(headers).requireOwnerOrAdmin(id);
    requireAccountId(id);
    return caller;
  }

  /** The caller, who must be an admin. */
  private static Caller admin(HttpHeaders headers, String id) {
    Caller caller = Caller.required(headers).requireAdmin();
    requireAccountId(id);
    return caller;
  }

  /** Account ids are UUIDs: anything else names no account (and must not reach the stores). */
  private static void requireAccountId(String id) {
    if (!ACCOUNT_ID.matcher(id).matches()) {
      throw notFound();
    }
  }

  private Uni<AccountView> find(String id) {
    return Panache.withSession(() -> AccountView.<AccountView>findById(id))
        .onItem()
        .ifNull()
        .failWith(AccountResource::notFound);
  }

  /** Answers with the account as the read model holds it once the command is applied. */
  private Uni<Response> answer(CommandResult result, Response.Status status) {
    return waits
        .awaitApplied(readModel, List.of(result.token()), ANSWER_WAIT)
        .flatMap(
            fresh ->
                Panache.withSession(() -> AccountView.<AccountView>findById(result.accountId()))
                    .map(view -> answer(result, status, fresh, view)));
  }

  private static Response answer(
      CommandResult result, Response.Status status, boolean fresh, AccountView view) {
    Response.ResponseBuilder response = withToken(Response.status(status), result);
    response.header(ConsistencyFilters.CONSISTENCY, fresh ? "fresh" : "stale");
    if (view == null) {
      return response.entity(new Pending(result.accountId(), result.version())).build();
    }
    return response.entity(AccountResponse.of(view)).tag(String.valueOf(view.version)).build();
  }

  private static Response.ResponseBuilder withToken(
      Response.ResponseBuilder response, CommandResult result) {
    return response
        .header(ConsistencyFilters.CONSISTENCY_TOKEN, result.token().encode())
        .tag(String.valueOf(result.version()));
  }

  private static Long expectedVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
      return null;
    }
    Matcher matcher = ETAG.matcher(ifMatch);
    if (!matcher.matches()) {
      throw invalid("If-Match", "must be the ETag of the account, e.g. \"3\"");
    }
    return Long.parseLong(matcher.group(1));
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(
        Problem.of("validation", 400, "Invalid request", field + " " + message)
            .withErrors(List.of(new Problem.FieldError(field, message))));
  }

  /** What a command answers while the read model has not caught up yet. */
  record Pending(String id, long version) {}
}
