package io.fourfold.blob.support;

import io.fourfold.blob.storage.BlobStorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the test bucket holds, read straight from S3. */
@ApplicationScoped
public class Bucket {

  private final S3Client s3;
  private final String bucket;

  public Bucket(S3Client s3, BlobStorageConfig config) {
    this.s3 = s3;
    this.bucket = config.bucket();
  }

  /** The keys under a prefix. */
  public List<String> keys(String prefix) {
    return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  /** Multipart uploads begun and neither completed nor aborted under a prefix. */
  public List<String> openUploads(String prefix) {
    return s3.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).uploads().stream()
        .map(MultipartUpload::key)
        .toList();
  }
}
