package io.fourfold.schema.blob;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.Objects;

/**
 * The bytes of a blob were stored whole in S3 under {@code objectKey} (content-addressed, so the
 * key follows from the owner and {@code sha256}) before this event was recorded: a blob event never
 * names an object that is not there.
 *
 * @param sha256 lowercase hex SHA-256 of the bytes, computed while they streamed in
 */
@EventType(name = "blob.uploaded", revision = 1)
public record BlobUploaded(
    String blobId,
    String accountId,
    String objectKey,
    long size,
    String sha256,
    String contentType,
    Instant uploadedAt)
    implements BlobEvent {

  public BlobUploaded {
    Checks.nonBlank(blobId, "blobId");
    Checks.nonBlank(accountId, "accountId");
    Checks.nonBlank(objectKey, "objectKey");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    Checks.sha256(sha256, "sha256");
    Checks.nonBlank(contentType, "contentType");
    Objects.requireNonNull(uploadedAt, "uploadedAt");
  }
}
