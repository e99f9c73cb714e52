package io.fourfold.blob.exports.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.fourfold.schema.export.ExportCompleted;
import io.fourfold.schema.export.ExportFailed;
import io.fourfold.schema.export.ExportRequested;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An export of one account's data: requested, then completed or failed, once. A second completion
 * or failure is refused, which is what makes building an export from a projection safe to retry and
 * to replay: whatever repeats the step, only the first outcome is recorded.
 */
public class Export {

  @AggregateIdentifier private String exportId;
  private String accountId;
  private boolean finished;

  /** For Axon, which rebuilds an export from its events. */
  protected Export() {}

  @CommandHandler
  public Export(RequestExport command) {
    apply(new ExportRequested(command.exportId(), command.accountId(), command.at()));
  }

  /** Records the completion; false (and nothing recorded) when the export already finished. */
  @CommandHandler
  public boolean handle(CompleteExport command) {
    if (finished) {
      return false;
    }
    apply(
        new ExportCompleted(
            exportId,
            accountId,
            command.objectKey(),
            command.size(),
            command.sha256(),
            command.at()));
    return true;
  }

  /** Records the failure; false (and nothing recorded) when the export already finished. */
  @CommandHandler
  public boolean handle(FailExport command) {
    if (finished) {
      return false;
    }
    apply(new ExportFailed(exportId, accountId, command.reason(), command.at()));
    return true;
  }

  @EventSourcingHandler
  void on(ExportRequested event) {
    exportId = event.exportId();
    accountId = event.accountId();
  }

  @EventSourcingHandler
  void on(ExportCompleted event) {
    finished = true;
  }

  @EventSourcingHandler
  void on(ExportFailed event) {
    finished = true;
  }
}
