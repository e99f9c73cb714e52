package io.fourfold.blob.blobs.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Deletes blobs: records each deletion, then removes the object unless another live blob of the
 * account has the same bytes. An object left behind by a crash between the two is unreferenced and
 * goes with the next deletion of the same bytes, or with the account's erasure.
 */
@ApplicationScoped
public class BlobDeletions {

  private static final Logger LOG = Logger.getLogger(BlobDeletions.class);

  private final BlobRecorder recorder;
  private final BlobRefs refs;
  private final Clock clock = Clock.systemUTC();

  public BlobDeletions(BlobRecorder recorder, BlobRefs refs) {
    this.recorder = recorder;
    this.refs = refs;
  }

  /** Deletes a live blob; empty when it was not live. */
  public Optional<BlobRecorder.DeletedBlob> delete(String blobId) {
    Optional<BlobRecorder.DeletedBlob> deleted = recorder.delete(blobId, clock.instant());
    deleted.ifPresent(blob -> collect(blob.ref().objectKey()));
    return deleted;
  }

  /**
   * Records the deletion of every live blob of the account; their objects are left to the caller.
   */
  public int deleteAllOf(String accountId) {
    List<BlobRef> live = refs.ofAccount(accountId);
    live.forEach(ref -> recorder.delete(ref.blobId(), clock.instant()));
    return live.size();
  }

  private void collect(String objectKey) {
    try {
      recorder.collect(objectKey);
    } catch (RuntimeException e) {
      LOG.warnf("Could not remove the unreferenced object %s: %s", objectKey, e.toString());
    }
  }
}
