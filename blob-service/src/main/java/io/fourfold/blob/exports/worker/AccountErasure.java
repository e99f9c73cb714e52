package io.fourfold.blob.exports.worker;

import io.fourfold.blob.blobs.application.BlobDeletions;
import io.fourfold.blob.storage.ObjectKeys;
import io.fourfold.blob.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Erases what blob-service holds of an erased account: records the deletion of each of its live
 * blobs, then removes every object under the account's prefix (blob bytes, uploads in flight,
 * exports). Idempotent: run again, it finds nothing left to delete.
 */
@ApplicationScoped
public class AccountErasure {

  private static final Logger LOG = Logger.getLogger(AccountErasure.class);

  private final BlobDeletions deletions;
  private final ObjectStore store;

  public AccountErasure(BlobDeletions deletions, ObjectStore store) {
    this.deletions = deletions;
    this.store = store;
  }

  public void erase(String accountId) {
    int blobs = deletions.deleteAllOf(accountId);
    int objects = store.deletePrefix(ObjectKeys.accountPrefix(accountId));
    if (blobs > 0 || objects > 0) {
      LOG.infof(
          "Erased account %s: %d blob(s) deleted, %d object(s) removed", accountId, blobs, objects);
    }
  }
}
