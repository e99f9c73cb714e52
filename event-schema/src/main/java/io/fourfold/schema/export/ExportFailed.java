package io.fourfold.schema.export;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.Objects;

/** An export could not be built; {@code reason} says why, for the owner and the operator. */
@EventType(name = "export.failed", revision = 1)
public record ExportFailed(String exportId, String accountId, String reason, Instant failedAt)
    implements ExportEvent {

  public ExportFailed {
    Checks.nonBlank(exportId, "exportId");
    Checks.nonBlank(accountId, "accountId");
    Checks.nonBlank(reason, "reason");
    Objects.requireNonNull(failedAt, "failedAt");
  }
}
