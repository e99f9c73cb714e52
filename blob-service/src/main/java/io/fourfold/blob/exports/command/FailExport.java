package io.fourfold.blob.exports.command;

import io.fourfold.schema.AggregateCommand;
import java.time.Instant;
import java.util.Objects;

/** Record that the export could not be built; refused once finished. */
public record FailExport(String exportId, String reason, Instant at) implements AggregateCommand {

  public FailExport {
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
