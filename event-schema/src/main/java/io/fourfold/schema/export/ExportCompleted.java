package io.fourfold.schema.export;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.Objects;

/**
 * An export was written whole to S3 under {@code objectKey}.
 *
 * @param sha256 lowercase hex SHA-256 of the export document
 */
@EventType(name = "export.completed", revision = 1)
public record ExportCompleted(
    String exportId,
    String accountId,
    String objectKey,
    long size,
    String sha256,
    Instant completedAt)
    implements ExportEvent {

  public ExportCompleted {
    Checks.nonBlank(exportId, "exportId");
    Checks.nonBlank(accountId, "accountId");
    Checks.nonBlank(objectKey, "objectKey");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    Checks.sha256(sha256, "sha256");
    Objects.requireNonNull(completedAt, "completedAt");
  }
}
