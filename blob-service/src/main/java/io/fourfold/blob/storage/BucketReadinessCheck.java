package io.fourfold.blob.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** Ready only while the S3 endpoint answers and the blob bucket exists and is ours to use. */
@Readiness
@ApplicationScoped
public class BucketReadinessCheck implements HealthCheck {

  static final String NAME = "S3 blob bucket";

  private final S3Client s3;
  private final String bucket;

  @Inject
  public BucketReadinessCheck(S3Client s3, BlobStorageConfig config) {
    this(s3, config.bucket());
  }

  BucketReadinessCheck(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  @Override
  public HealthCheckResponse call() {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return HealthCheckResponse.named(NAME).up().withData("bucket", bucket).build();
    } catch (SdkException e) {
      return HealthCheckResponse.named(NAME)
          .down()
          .withData("bucket", bucket)
          .withData("error", String.valueOf(e.getMessage()))
          .build();
    }
  }
}
