package io.fourfold.blob.blobs.rest;

import io.fourfold.blob.blobs.application.BlobRef;
import io.fourfold.blob.blobs.application.BlobRefs;
import io.fourfold.blob.blobs.application.ErasedAccounts;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * Who reaches a blob: its owner or an admin. Anyone else, like a caller naming a deleted blob or
 * one of an erased account, gets the same 404, so a blob's existence never leaks.
 */
@ApplicationScoped
public class BlobAccess {

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final BlobRefs refs;
  private final ErasedAccounts erased;

  public BlobAccess(BlobRefs refs, ErasedAccounts erased) {
    this.refs = refs;
    this.erased = erased;
  }

  /** The live blob the caller may reach, or a 404. */
  public BlobRef require(Caller caller, String blobId) {
    if (blobId == null || !UUID.matcher(blobId).matches()) {
      throw notFound("blob");
    }
    return refs.find(blobId)
        .filter(ref -> caller.isAdmin() || caller.accountId().equals(ref.accountId()))
        .filter(ref -> !erased.isErased(ref.accountId()))
        .orElseThrow(() -> notFound("blob"));
  }

  /** Ids are UUIDs: anything else names nothing. */
  public static boolean isUuid(String id) {
    return id != null && UUID.matcher(id).matches();
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(Problem.ofStatus(404, "Not Found", "No such " + what + "."));
  }
}
