package io.fourfold.blob.blobs.rest;

import io.fourfold.blob.blobs.application.BlobDeletions;
import io.fourfold.blob.blobs.application.BlobRecorder.DeletedBlob;
import io.fourfold.blob.blobs.application.BlobRef;
import io.fourfold.blob.blobs.application.BlobUploads;
import io.fourfold.blob.http.Answers;
import io.fourfold.blob.storage.BlobStorageConfig;
import io.fourfold.blob.storage.ObjectStore;
import io.fourfold.blob.storage.Presigner;
import io.fourfold.blob.storage.StreamingUpload.TooLargeException;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import io.fourfold.eventing.idempotency.IdempotencyKeys;
import io.fourfold.eventing.idempotency.StoredAnswer;
import io.fourfold.eventing.projection.ConsistencyFilters;
import io.fourfold.eventing.store.CommandContext;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Blobs: any signed-in caller uploads raw bytes (streamed, never held whole); the owner or an admin
 * downloads them through a short-lived presigned URL, or inline, and deletes them. Blocking
 * endpoints: the body is read as a stream on a worker thread, and S3 and the event store are
 * blocking clients.
 */
@Path("/api/v1/blobs")
@Tag(name = "Blobs")
@Blocking
public class BlobResource {

  private static final String OCTET_STREAM = MediaType.APPLICATION_OCTET_STREAM;

  private final BlobUploads uploads;
  private final BlobDeletions deletions;
  private final BlobAccess access;
  private final ObjectStore store;
  private final Presigner presigner;
  private final Answers answers;
  private final long maxSize;

  public BlobResource(
      BlobUploads uploads,
      BlobDeletions deletions,
      BlobAccess access,
      ObjectStore store,
      Presigner presigner,
      Answers answers,
      BlobStorageConfig config) {
    this.answers = answers;
    this.uploads = uploads;
    this.deletions = deletions;
    this.access = access;
    this.store = store;
    this.presigner = presigner;
    this.maxSize = config.maxSize().asLongValue();
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Upload a blob: the raw body, of the Content-Type given (any signed-in caller)")
  @APIResponse(responseCode = "201", description = "Stored: id, size, sha256, contentType")
  @APIResponse(responseCode = "413", description = "Larger than the limit; nothing is stored")
  public Response upload(
      InputStream body,
      @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
      @Context HttpHeaders headers)
      throws IOException {
    Caller caller = Caller.required(headers);
    String contentType = contentType(headers);
    if (headers.getLength() > maxSize) {
      // Refused before a byte is read: the declared length already says too much.
      throw new TooLargeException(maxSize);
    }
    StoredAnswer answer =
        CommandContext.capture(caller)
            .run(
                () -> {
                  try {
                    return uploads.upload(
                        caller.accountId(), contentType, body, idempotencyKey, this::created);
                  } catch (IOException e) {
                    throw new UnreadableBody(e);
                  }
                });
    return Answers.send(answer);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Download a blob: 302 to a presigned URL, or the bytes with ?inline=true")
  @APIResponse(responseCode = "302", description = "Location: a short-lived presigned URL")
  @APIResponse(responseCode = "200", description = "The bytes (inline=true)")
  @APIResponse(responseCode = "404", description = "No such blob, or not the caller's")
  public Response download(
      @PathParam("id") String id,
      @QueryParam("inline") @DefaultValue("false") boolean inline,
      @Context HttpHeaders headers) {
    BlobRef ref = access.require(Caller.required(headers), id);
    if (!inline) {
      return Response.status(Response.Status.FOUND)
          .location(presigner.download(ref.objectKey(), ref.contentType()))
          .header("Cache-Control", "no-store")
          .build();
    }
    InputStream bytes = store.openIfExists(ref.objectKey());
    if (bytes == null) {
      throw BlobAccess.notFound("blob");
    }
    StreamingOutput output =
        out -> {
          try (InputStream in = bytes) {
            in.transferTo(out);
          }
        };
    return Response.ok(output, ref.contentType())
        .header(HttpHeaders.CONTENT_LENGTH, ref.size())
        .tag(ref.sha256())
        .header("Cache-Control", "private, no-store")
        .build();
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete a blob (owner or admin)")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No such blob, or not the caller's")
  public Response delete(@PathParam("id") String id, @Context HttpHeaders headers) {
    Caller caller = Caller.required(headers);
    BlobRef ref = access.require(caller, id);
    DeletedBlob deleted =
        CommandContext.capture(caller)
            .run(() -> deletions.delete(ref.blobId()))
            .orElseThrow(() -> BlobAccess.notFound("blob"));
    return Response.noContent()
        .header(
            ConsistencyFilters.CONSISTENCY_TOKEN, Answers.token(ref.blobId(), deleted.version()))
        .build();
  }

  private StoredAnswer created(BlobRef ref) {
    return answers.of(
        201,
        "/api/v1/blobs/" + ref.blobId(),
        ref.blobId(),
        0,
        new BlobResponse(ref.blobId(), ref.size(), ref.sha256(), ref.contentType()));
  }

  private static String contentType(HttpHeaders headers) {
    String value = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (value == null || value.isBlank()) {
      return OCTET_STREAM;
    }
    if (value.length() > 255) {
      throw new ProblemException(
          Problem.of("validation", 400, "Invalid request", "Content-Type is too long.")
              .withErrors(
                  List.of(new Problem.FieldError("Content-Type", "at most 255 characters"))));
    }
    return value.trim();
  }

  /** The body could not be read to its end (the client went away). */
  static final class UnreadableBody extends RuntimeException {
    UnreadableBody(IOException cause) {
      super(cause);
    }
  }
}
