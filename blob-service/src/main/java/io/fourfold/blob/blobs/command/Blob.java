package io.fourfold.blob.blobs.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import io.fourfold.schema.blob.BlobDeleted;
import io.fourfold.schema.blob.BlobUploaded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A blob: uploaded once, deleted at most once. Its bytes are stored before it is recorded, so its
 * events never name an object that is not there.
 */
public class Blob {

  @AggregateIdentifier private String blobId;
  private String accountId;
  private boolean deleted;

  /** For Axon, which rebuilds a blob from its events. */
  protected Blob() {}

  @CommandHandler
  public Blob(RecordBlobUpload command) {
    apply(
        new BlobUploaded(
            command.blobId(),
            command.accountId(),
            command.objectKey(),
            command.size(),
            command.sha256(),
            command.contentType(),
            command.at()));
  }

  /** Records the deletion once; answers the blob's version either way. */
  @CommandHandler
  public long handle(DeleteBlob command) {
    if (!deleted) {
      apply(new BlobDeleted(blobId, accountId, command.at()));
    }
    return getVersion();
  }

  @EventSourcingHandler
  void on(BlobUploaded event) {
    blobId = event.blobId();
    accountId = event.accountId();
  }

  @EventSourcingHandler
  void on(BlobDeleted event) {
    deleted = true;
  }
}
