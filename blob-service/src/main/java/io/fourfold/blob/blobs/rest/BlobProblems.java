package io.fourfold.blob.blobs.rest;

import static io.fourfold.eventing.http.ProblemExceptionMappers.respond;

import io.fourfold.blob.blobs.application.AccountErasedException;
import io.fourfold.blob.storage.StreamingUpload.TooLargeException;
import io.fourfold.eventing.http.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** How blob-service's refusals are answered, as problem+json. */
public class BlobProblems {

  @ServerExceptionMapper
  public Response tooLarge(TooLargeException e, UriInfo uri) {
    return respond(Problem.of("blob-too-large", 413, "Blob too large", e.getMessage()), uri);
  }

  @ServerExceptionMapper
  public Response erased(AccountErasedException e, UriInfo uri) {
    return respond(Problem.ofStatus(404, "Not Found", "No such account."), uri);
  }

  @ServerExceptionMapper({IOException.class, BlobResource.UnreadableBody.class})
  public Response unreadableBody(Exception e, UriInfo uri) {
    return respond(
        Problem.of(
            "incomplete-body",
            400,
            "Incomplete request body",
            "The body could not be read to its end; nothing was stored."),
        uri);
  }
}
