package io.fourfold.blob.blobs.command;

import io.fourfold.schema.AggregateCommand;
import java.time.Instant;
import java.util.Objects;

/** Delete a blob; deleting a deleted blob changes nothing. */
public record DeleteBlob(String blobId, Instant at) implements AggregateCommand {

  public DeleteBlob {
    Objects.requireNonNull(blobId, "blobId");
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
