package io.fourfold.blob.exports.application;

import io.fourfold.blob.exports.command.CompleteExport;
import io.fourfold.blob.exports.command.FailExport;
import io.fourfold.blob.exports.command.RequestExport;
import io.fourfold.eventing.store.AxonEventStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The export use cases, one command each. */
@ApplicationScoped
public class ExportCommands {

  private final AxonEventStore eventStore;
  private final Clock clock = Clock.systemUTC();

  public ExportCommands(AxonEventStore eventStore) {
    this.eventStore = eventStore;
  }

  /** Records a request for an export of the account; answers the export's id. */
  @Transactional
  public String request(String accountId) {
    String exportId = UUID.randomUUID().toString();
    eventStore.commands().sendAndWait(new RequestExport(exportId, accountId, now()));
    return exportId;
  }

  /** Records the completion; false when the export had already finished. */
  @Transactional
  public boolean complete(String exportId, String objectKey, long size, String sha256) {
    return eventStore
        .commands()
        .sendAndWait(new CompleteExport(exportId, objectKey, size, sha256, now()));
  }

  /** Records the failure; false when the export had already finished. */
  @Transactional
  public boolean fail(String exportId, String reason) {
    return eventStore.commands().sendAndWait(new FailExport(exportId, reason, now()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
