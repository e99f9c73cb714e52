package io.fourfold.blob.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams a body into S3 while hashing it, holding at most one part in memory: a body smaller than
 * one part stays in memory (in a buffer of about its own size) and is stored later, once its
 * content key is known; a larger one goes up as a multipart upload to a staging key, part by part
 * through one reused buffer. The size limit is checked as the bytes arrive, and a body over it
 * aborts the upload: nothing of it remains.
 */
@ApplicationScoped
public class StreamingUpload {

  private static final Logger LOG = Logger.getLogger(StreamingUpload.class);
  private static final int FIRST_BUFFER = 64 * 1024;

  private final ObjectStore store;
  private final int partSize;
  private final long maxSize;

  public StreamingUpload(ObjectStore store, BlobStorageConfig config) {
    this.store = store;
    this.partSize = (int) Math.max(5L << 20, config.partSize().asLongValue());
    this.maxSize = config.maxSize().asLongValue();
  }

  /**
   * Reads {@code body} to its end.
   *
   * @param stagingKey where a body larger than one part is assembled
   * @throws TooLargeException when the body is larger than the limit
   * @throws IOException when the body could not be read (the client went away)
   */
  public Staged stage(InputStream body, String stagingKey, String contentType) throws IOException {
    FirstPart first = firstPart(body);
    byte[] buffer = first.buffer();
    MessageDigest sha256 = sha256();
    int read = first.length();
    long size = checked(read);
    sha256.update(buffer, 0, read);
    if (read < partSize) {
      return new Staged(size, hex(sha256), buffer, read, null);
    }
    S3Client s3 = store.client();
    String uploadId =
        s3.createMultipartUpload(
                b -> b.bucket(store.bucket()).key(stagingKey).contentType(contentType))
            .uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      while (read > 0) {
        int partNumber = parts.size() + 1;
        int length = read;
        String etag =
            s3.uploadPart(
                    b ->
                        b.bucket(store.bucket())
                            .key(stagingKey)
                            .uploadId(uploadId)
                            .partNumber(partNumber)
                            .contentLength((long) length),
                    RequestBody.fromInputStream(
                        new ByteArrayInputStream(buffer, 0, length), length))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        read = fill(body, buffer);
        size = checked(size + read);
        sha256.update(buffer, 0, read);
      }
      s3.completeMultipartUpload(
          b ->
              b.bucket(store.bucket())
                  .key(stagingKey)
                  .uploadId(uploadId)
                  .multipartUpload(m -> m.parts(parts)));
      return new Staged(size, hex(sha256), null, 0, stagingKey);
    } catch (IOException | RuntimeException e) {
      abort(s3, stagingKey, uploadId);
      throw e;
    }
  }

  /**
   * Reads up to one part into a buffer that grows as bytes arrive: a small body costs memory for
   * its own size, not for a whole part, however many arrive at once.
   */
  private FirstPart firstPart(InputStream body) throws IOException {
    byte[] buffer = new byte[Math.min(partSize, FIRST_BUFFER)];
    int length = 0;
    while (length < partSize) {
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.min(partSize, buffer.length * 2));
      }
      int n = body.read(buffer, length, buffer.length - length);
      if (n < 0) {
        break;
      }
      length += n;
    }
    return new FirstPart(buffer, length);
  }

  private record FirstPart(byte[] buffer, int length) {}

  /**
   * Reads until the buffer is full or the body ends; answers how many bytes it read. Its own loop,
   * not {@code readNBytes}: some streams (ByteArrayInputStream) answer that with one read only.
   */
  private static int fill(InputStream body, byte[] buffer) throws IOException {
    int length = 0;
    while (length < buffer.length) {
      int n = body.read(buffer, length, buffer.length - length);
      if (n < 0) {
        break;
      }
      length += n;
    }
    return length;
  }

  private long checked(long size) {
    if (size > maxSize) {
      throw new TooLargeException(maxSize);
    }
    return size;
  }

  private void abort(S3Client s3, String key, String uploadId) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(store.bucket()).key(key).uploadId(uploadId));
    } catch (RuntimeException e) {
      // A multipart upload left behind holds no blob; a bucket lifecycle rule ends it.
      LOG.warnf("Could not abort the multipart upload of %s: %s", key, e.toString());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * A body read whole: either still in memory ({@code bytes}, {@code length}) or assembled in S3
   * under {@code stagingKey}.
   */
  public record Staged(long size, String sha256, byte[] bytes, int length, String stagingKey) {

    /** Whether the bytes are in S3 under the staging key rather than in memory. */
    public boolean isStaged() {
      return stagingKey != null;
    }
  }

  /** The body is larger than the limit. */
  public static final class TooLargeException extends RuntimeException {

    private final long limit;

    public TooLargeException(long limit) {
      super("The body is larger than the limit of " + limit + " bytes.");
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }
}
