package io.fourfold.blob.blobs.application;

import io.fourfold.blob.blobs.command.DeleteBlob;
import io.fourfold.blob.blobs.command.RecordBlobUpload;
import io.fourfold.blob.storage.ObjectStore;
import io.fourfold.blob.storage.StreamingUpload.Staged;
import io.fourfold.eventing.idempotency.IdempotencyKeys;
import io.fourfold.eventing.idempotency.StoredAnswer;
import io.fourfold.eventing.store.AxonEventStore;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

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
  private final IdempotencyKeys idempotency;
  private final ErasedAccounts erased;

  public BlobRecorder(
      AxonEventStore eventStore,
      BlobRefs refs,
      ObjectStore store,
      IdempotencyKeys idempotency,
      ErasedAccounts erased) {
    this.erased = erased;
    this.eventStore = eventStore;
    this.refs = refs;
    this.store = store;
    this.idempotency = idempotency;
  }

  /**
   * Records the blob once per idempotency key (null: no key): stores the staged bytes under the
   * blob's content key, references them, records the blob and stores the answer, in one
   * transaction; a repeat of the key with the same bytes and type answers the first answer and
   * records nothing.
   */
  @Transactional
  // A server-side copy of a large object may take minutes.
  @TransactionConfiguration(timeout = 900)
  public StoredAnswer recordOnce(
      String idempotencyKey, BlobRef ref, Staged staged, Function<BlobRef, StoredAnswer> answer) {
    byte[] fingerprint =
        (ref.sha256() + " " + ref.size() + " " + ref.contentType())
            .getBytes(StandardCharsets.UTF_8);
    return idempotency.once(
        "POST /api/v1/blobs " + ref.accountId(),
        idempotencyKey,
        fingerprint,
        () -> {
          record(ref, staged);
          return answer.apply(ref);
        });
  }

  private void record(BlobRef ref, Staged staged) {
    refs.lockObject(ref.objectKey());
    if (!staged.isStaged()) {
      store.put(ref.objectKey(), staged.bytes(), staged.length(), ref.contentType());
    } else if (!store.exists(ref.objectKey())) {
      store.copy(staged.stagingKey(), ref.objectKey(), ref.contentType());
    }
    if (erased.isErased(ref.accountId())) {
      // Erased while the body streamed in: its erasure may already have run, so nothing of the
      // account may stay behind (an erased account has no other blob to share these bytes).
      store.delete(ref.objectKey());
      throw new AccountErasedException(ref.accountId());
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

  /** Records the deletion of a live blob; empty when it was not live. */
  @Transactional
  public Optional<DeletedBlob> delete(String blobId, Instant at) {
    Optional<BlobRef> ref = refs.find(blobId);
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    refs.lockObject(ref.get().objectKey());
    if (!refs.delete(blobId)) {
      return Optional.empty();
    }
    long version = eventStore.commands().sendAndWait(new DeleteBlob(blobId, at));
    return Optional.of(new DeletedBlob(ref.get(), version));
  }

  /** A blob whose deletion was recorded, and the version of its deletion event. */
  public record DeletedBlob(BlobRef ref, long version) {}

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
