package io.fourfold.blob.storage;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 client and the presigner, built from {@code fourfold.blob.s3.*}. */
public class S3Clients {

  @Produces
  @Singleton
  S3Client client(BlobStorageConfig config) {
    BlobStorageConfig.S3 s3 = config.s3();
    var builder =
        S3Client.builder()
            .region(Region.of(s3.region()))
            .credentialsProvider(credentials(s3))
            .forcePathStyle(s3.pathStyle())
            .httpClient(UrlConnectionHttpClient.create());
    s3.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** Signs for the endpoint clients reach, which may differ from the one the service uses. */
  @Produces
  @Singleton
  S3Presigner presigner(BlobStorageConfig config) {
    BlobStorageConfig.S3 s3 = config.s3();
    var builder =
        S3Presigner.builder()
            .region(Region.of(s3.region()))
            .credentialsProvider(credentials(s3))
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build());
    config.publicEndpoint().or(s3::endpoint).ifPresent(builder::endpointOverride);
    return builder.build();
  }

  void close(@Disposes S3Client client) {
    client.close();
  }

  void close(@Disposes S3Presigner presigner) {
    presigner.close();
  }

  private static AwsCredentialsProvider credentials(BlobStorageConfig.S3 s3) {
    if (s3.accessKeyId().isPresent() && s3.secretAccessKey().isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(s3.accessKeyId().get(), s3.secretAccessKey().get()));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
