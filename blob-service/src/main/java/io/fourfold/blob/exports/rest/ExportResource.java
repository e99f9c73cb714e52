package io.fourfold.blob.exports.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fourfold.blob.blobs.application.ErasedAccounts;
import io.fourfold.blob.blobs.rest.BlobAccess;
import io.fourfold.blob.exports.application.ExportCommands;
import io.fourfold.blob.exports.application.ExportHistory;
import io.fourfold.blob.exports.application.ExportState;
import io.fourfold.blob.http.Answers;
import io.fourfold.blob.storage.Presigner;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.idempotency.IdempotencyKeys;
import io.fourfold.eventing.idempotency.StoredAnswer;
import io.fourfold.eventing.store.CommandContext;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Exports of an account's data: the owner (or an admin) asks for one and polls it until it is
 * ready, then downloads it through a short-lived presigned URL.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exports")
@Blocking
public class ExportResource {

  private final ExportCommands commands;
  private final ExportHistory history;
  private final ErasedAccounts erased;
  private final Presigner presigner;
  private final IdempotencyKeys idempotency;
  private final Answers answers;

  public ExportResource(
      ExportCommands commands,
      ExportHistory history,
      ErasedAccounts erased,
      Presigner presigner,
      IdempotencyKeys idempotency,
      Answers answers) {
    this.idempotency = idempotency;
    this.answers = answers;
    this.commands = commands;
    this.history = history;
    this.erased = erased;
    this.presigner = presigner;
  }

  /** {@code 202} to {@code POST /api/v1/accounts/{id}/exports}. */
  public record ExportAccepted(String exportId) {}

  /** An export's state; {@code downloadUrl} once ready, {@code reason} once failed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ExportResponse(
      String exportId, String accountId, String status, URI downloadUrl, String reason) {}

  @POST
  @Path("/accounts/{id}/exports")
  @Operation(summary = "Ask for an export of the account's data (owner or admin)")
  @APIResponse(responseCode = "202", description = "Recorded; poll the Location")
  @APIResponse(responseCode = "404", description = "No such account, or it was erased")
  public Response request(
      @PathParam("id") String accountId,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
      @Context HttpHeaders headers) {
    Caller caller = Caller.required(headers).requireOwnerOrAdmin(accountId);
    if (!BlobAccess.isUuid(accountId) || erased.isErased(accountId)) {
      throw BlobAccess.notFound("account");
    }
    StoredAnswer answer =
        CommandContext.capture(caller)
            .run(
                () ->
                    idempotency.once(
                        "POST /api/v1/accounts/" + accountId + "/exports",
                        idempotencyKey,
                        new byte[0],
                        () -> {
                          String exportId = commands.request(accountId);
                          return answers.of(
                              202,
                              "/api/v1/exports/" + exportId,
                              exportId,
                              0,
                              new ExportAccepted(exportId));
                        }));
    return Answers.send(answer);
  }

  @GET
  @Path("/exports/{exportId}")
  @Operation(summary = "An export's status, with a presigned download URL once ready")
  @APIResponse(responseCode = "200", description = "pending, ready (downloadUrl) or failed")
  @APIResponse(responseCode = "404", description = "No such export, or not the caller's")
  public ExportResponse get(@PathParam("exportId") String exportId, @Context HttpHeaders headers) {
    Caller caller = Caller.required(headers);
    if (!BlobAccess.isUuid(exportId)) {
      throw BlobAccess.notFound("export");
    }
    ExportState state =
        history
            .find(exportId)
            .filter(found -> caller.isAdmin() || caller.accountId().equals(found.accountId()))
            .filter(found -> !erased.isErased(found.accountId()))
            .orElseThrow(() -> BlobAccess.notFound("export"));
    URI download =
        "ready".equals(state.status())
            ? presigner.download(state.objectKey(), MediaType.APPLICATION_JSON)
            : null;
    return new ExportResponse(
        exportId, state.accountId(), state.status(), download, state.reason());
  }
}
