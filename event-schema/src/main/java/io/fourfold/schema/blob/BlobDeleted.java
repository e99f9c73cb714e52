package io.fourfold.schema.blob;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.Objects;

/** A blob was deleted by its owner or an admin; its object goes once no other blob shares it. */
@EventType(name = "blob.deleted", revision = 1)
public record BlobDeleted(String blobId, String accountId, Instant deletedAt) implements BlobEvent {

  public BlobDeleted {
    Checks.nonBlank(blobId, "blobId");
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(deletedAt, "deletedAt");
  }
}
