package io.fourfold.blob.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Readiness must follow the real S3 endpoint: down when it is unreachable or the bucket is gone.
 */
class BucketReadinessCheckTest {

  private S3Client s3;

  @AfterEach
  void close() {
    s3.close();
  }

  @Test
  void isUpWhenTheBucketExists() {
    s3 = client(System.getProperty("fourfold.test.s3", "http://127.0.0.1:19000"));

    HealthCheckResponse response = new BucketReadinessCheck(s3, "fourfold-blobs-test").call();

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
  }

  @Test
  void isDownWhenTheBucketDoesNotExist() {
    s3 = client(System.getProperty("fourfold.test.s3", "http://127.0.0.1:19000"));

    HealthCheckResponse response = new BucketReadinessCheck(s3, "no-such-fourfold-bucket").call();

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
  }

  @Test
  void isDownWhenTheEndpointDoesNotAnswer() {
    s3 = client("http://127.0.0.1:1");

    HealthCheckResponse response = new BucketReadinessCheck(s3, "fourfold-blobs-test").call();

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getData()).hasValueSatisfying(d -> assertThat(d).containsKey("error"));
  }

  private static S3Client client(String endpoint) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("fourfold-local", "fourfold-local-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
