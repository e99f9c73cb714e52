package io.fourfold.blob.exports.command;

import io.fourfold.schema.AggregateCommand;
import java.time.Instant;
import java.util.Objects;

/**
 * Record that the export document is stored whole under {@code objectKey}; refused once finished.
 */
public record CompleteExport(
    String exportId, String objectKey, long size, String sha256, Instant at)
    implements AggregateCommand {

  public CompleteExport {
    Objects.requireNonNull(exportId, "exportId");
    Objects.requireNonNull(at, "at");
  }

  @Override
  public String aggregateId() {
    return exportId;
  }

  @Override
  public Long expectedVersion() {
    return null;
  }
}
