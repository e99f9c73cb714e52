package io.fourfold.blob.blobs.application;

import io.fourfold.blob.blobs.command.DeleteBlob;
import io.fourfold.blob.blobs.command.RecordBlobUpload;
import io.fourfold.blob.storage.ObjectStore;
import io.fourfold.blob.storage.StreamingUpload.Staged;
import io.fourfold.eventing.store.AxonEventStore;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * The transactions of the blob use cases. Each holds the lock of the object it touches: an upload
 * puts its bytes under the content key, references them and records the blob; a deletion forgets
 * the reference and records the deletion; collecting an object removes it only while nothing
 * references it. Either order of an upload and a deletion of the same bytes leaves them stored for
 * the blob that remains.
 */
@ApplicationScoped
public class BlobRecorder {

  private final AxonEventStore eventStore;
  private final BlobRefs refs;
  private final ObjectStore store;

  public BlobRecorder(AxonEventStore eventStore, BlobRefs refs, ObjectStore store) {
    this.eventStore = eventStore;
    this.refs = refs;
    this.store = store;
  }

  /** Stores the staged bytes under the blob's content key and records the blob. */
  @Transactional
  // A server-side copy of a large object may take minutes.
  @TransactionConfiguration(timeout = 900)
  public void record(BlobRef ref, Staged staged) {
    refs.lockObject(ref.objectKey());
    if (!staged.isStaged()) {
      store.put(ref.objectKey(), staged.bytes(), staged.length(), ref.contentType());
    } else if (!store.exists(ref.objectKey())) {
      store.copy(staged.stagingKey(), ref.objectKey(), ref.contentType());
    }
    refs.insert(ref);
    eventStore
        .commands()
        .sendAndWait(
            new RecordBlobUpload(
                ref.blobId(),
                ref.accountId(),
                ref.objectKey(),
                ref.size(),
                ref.sha256(),
                ref.contentType(),
                ref.uploadedAt()));
  }

  /** Records the deletion of a live blob; returns it, or empty when it was not live. */
  @Transactional
  public Optional<BlobRef> delete(String blobId, Instant at) {
    Optional<BlobRef> ref = refs.find(blobId);
    if (ref.isEmpty()) {
      return ref;
    }
    refs.lockObject(ref.get().objectKey());
    if (!refs.delete(blobId)) {
      return Optional.empty();
    }
    eventStore.commands().sendAndWait(new DeleteBlob(blobId, at));
    return ref;
  }

  /** Removes the object if no live blob references it any more. */
  @Transactional
  public boolean collect(String objectKey) {
    refs.lockObject(objectKey);
    if (refs.isReferenced(objectKey)) {
      return false;
    }
    store.delete(objectKey);
    return true;
  }

  ObjectStore store() {
    return store;
  }
}
