package io.fourfold.blob.blobs.command;

import io.fourfold.schema.AggregateCommand;
import java.time.Instant;
import java.util.Objects;

/** Record a blob whose bytes are already stored whole under {@code objectKey}. */
public record RecordBlobUpload(
    String blobId,
    String accountId,
    String objectKey,
    long size,
    String sha256,
    String contentType,
    Instant at)
    implements AggregateCommand {

  public RecordBlobUpload {
    Objects.requireNonNull(blobId, "blobId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(objectKey, "objectKey");
    Objects.requireNonNull(at, "at");
  }

  @Override
  public String aggregateId() {
    return blobId;
  }

  @Override
  public Long expectedVersion() {
    return null;
  }
}
