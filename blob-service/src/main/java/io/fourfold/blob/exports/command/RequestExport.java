package io.fourfold.blob.exports.command;

import io.fourfold.schema.AggregateCommand;
import java.time.Instant;
import java.util.Objects;

/** Ask for an export of the account's data. */
public record RequestExport(String exportId, String accountId, Instant at)
    implements AggregateCommand {

  public RequestExport {
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
