package io.fourfold.blob.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The bucket's objects: what blobs and exports need from S3, and nothing else. */
@ApplicationScoped
public class ObjectStore {

  private final S3Client s3;
  private final String bucket;

  public ObjectStore(S3Client s3, BlobStorageConfig config) {
    this.s3 = s3;
    this.bucket = config.bucket();
  }

  /** Stores {@code length} bytes from {@code bytes} under {@code key}. */
  public void put(String key, byte[] bytes, int length, String contentType) {
    s3.putObject(
        b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) length),
        RequestBody.fromInputStream(new java.io.ByteArrayInputStream(bytes, 0, length), length));
  }

  /** Whether an object is stored under {@code key}. */
  public boolean exists(String key) {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** Copies an object inside the bucket (server side: the bytes do not pass through here). */
  public void copy(String from, String to, String contentType) {
    s3.copyObject(
        b ->
            b.sourceBucket(bucket)
                .sourceKey(from)
                .destinationBucket(bucket)
                .destinationKey(to)
                .contentType(contentType)
                .metadataDirective("REPLACE"));
  }

  /** The object's bytes, streamed; the caller closes the stream. */
  public ResponseInputStream<GetObjectResponse> open(String key) {
    return s3.getObject(b -> b.bucket(bucket).key(key));
  }

  /** Opens the object, or null when there is none. */
  public InputStream openIfExists(String key) {
    try {
      return open(key);
    } catch (NoSuchKeyException e) {
      return null;
    }
  }

  /** Deletes the object; deleting what is not there is no error. */
  public void delete(String key) {
    s3.deleteObject(b -> b.bucket(bucket).key(key));
  }

  /** Deletes every object whose key starts with {@code prefix}; returns how many there were. */
  public int deletePrefix(String prefix) {
    int deleted = 0;
    String token = null;
    do {
      String continuation = token;
      var page =
          s3.listObjectsV2(
              b -> b.bucket(bucket).prefix(prefix).maxKeys(1000).continuationToken(continuation));
      List<ObjectIdentifier> keys =
          page.contents().stream()
              .map(S3Object::key)
              .map(key -> ObjectIdentifier.builder().key(key).build())
              .toList();
      if (!keys.isEmpty()) {
        s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
        deleted += keys.size();
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return deleted;
  }

  /** The client, for multipart uploads ({@link StreamingUpload}). */
  S3Client client() {
    return s3;
  }

  String bucket() {
    return bucket;
  }
}
