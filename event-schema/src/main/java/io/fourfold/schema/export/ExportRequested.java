package io.fourfold.schema.export;

import io.fourfold.schema.Checks;
import io.fourfold.schema.EventType;
import java.time.Instant;
import java.util.Objects;

/** An export of an account's data was asked for; the export projector builds it. */
@EventType(name = "export.requested", revision = 1)
public record ExportRequested(String exportId, String accountId, Instant requestedAt)
    implements ExportEvent {

  public ExportRequested {
    Checks.nonBlank(exportId, "exportId");
    Checks.nonBlank(accountId, "accountId");
    Objects.requireNonNull(requestedAt, "requestedAt");
  }
}
