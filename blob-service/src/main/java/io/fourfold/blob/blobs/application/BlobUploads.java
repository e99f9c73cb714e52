package io.fourfold.blob.blobs.application;

import io.fourfold.blob.storage.ObjectKeys;
import io.fourfold.blob.storage.StreamingUpload;
import io.fourfold.blob.storage.StreamingUpload.Staged;
import io.fourfold.eventing.idempotency.StoredAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Uploads a blob: streams the body to S3 while hashing it, then stores it under its content key and
 * records it ({@link BlobRecorder}), then removes the staging object.
 */
@ApplicationScoped
public class BlobUploads {

  private static final Logger LOG = Logger.getLogger(BlobUploads.class);

  private final StreamingUpload streaming;
  private final BlobRecorder recorder;
  private final ErasedAccounts erased;
  private final Clock clock = Clock.systemUTC();

  public BlobUploads(StreamingUpload streaming, BlobRecorder recorder, ErasedAccounts erased) {
    this.streaming = streaming;
    this.recorder = recorder;
    this.erased = erased;
  }

  /**
   * Stores and records the body as a new blob of the account, once per idempotency key.
   *
   * @param idempotencyKey the client's {@code Idempotency-Key}, or null
   * @param answer the answer to store with the key, made from the blob
   * @throws StreamingUpload.TooLargeException when the body exceeds the limit (nothing is kept)
   * @throws IOException when the body could not be read to its end (nothing is kept)
   */
  public StoredAnswer upload(
      String accountId,
      String contentType,
      InputStream body,
      String idempotencyKey,
      Function<BlobRef, StoredAnswer> answer)
      throws IOException {
    if (erased.isErased(accountId)) {
      throw new AccountErasedException(accountId);
    }
    String blobId = UUID.randomUUID().toString();
    Staged staged = streaming.stage(body, ObjectKeys.upload(accountId, blobId), contentType);
    BlobRef ref =
        new BlobRef(
            blobId,
            accountId,
            ObjectKeys.content(accountId, staged.sha256()),
            staged.size(),
            staged.sha256(),
            contentType,
            clock.instant().truncatedTo(ChronoUnit.MICROS));
    try {
      return recorder.recordOnce(idempotencyKey, ref, staged, answer);
    } finally {
      if (staged.isStaged()) {
        removeStaging(staged.stagingKey());
      }
    }
  }

  private void removeStaging(String key) {
    try {
      recorder.store().delete(key);
    } catch (RuntimeException e) {
      // Under uploads/, never referenced by a blob: erasure or a lifecycle rule removes it later.
      LOG.warnf("Could not remove the staging object %s: %s", key, e.toString());
    }
  }
}
