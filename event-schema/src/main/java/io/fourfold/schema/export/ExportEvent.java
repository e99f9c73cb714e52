package io.fourfold.schema.export;

import io.fourfold.schema.DomainEvent;

/**
 * An event of an export aggregate (a copy of one account's data, built from events into S3), whose
 * aggregate id is the export id.
 */
public sealed interface ExportEvent extends DomainEvent
    permits ExportRequested, ExportCompleted, ExportFailed {

  /** The export, which is the aggregate id. */
  String exportId();

  /** The account exported. */
  String accountId();

  @Override
  default String aggregateId() {
    return exportId();
  }
}
