package io.fourfold.blob.storage;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where blob-service keeps its objects, how large they may be and how downloads are signed. */
@ConfigMapping(prefix = "fourfold.blob")
public interface BlobStorageConfig {

  /** The S3 bucket that holds every blob and export; it must exist before the service starts. */
  String bucket();

  /** The largest blob accepted; a larger body is refused with 413 while it streams in. */
  @WithDefault("5G")
  MemorySize maxSize();

  /** The size of each part of a multipart upload, and so the memory one upload holds (min 5M). */
  @WithDefault("8M")
  MemorySize partSize();

  /** How long a presigned download URL stays valid. */
  @WithDefault("PT5M")
  Duration downloadTtl();

  /** The S3 endpoint clients reach presigned URLs at; unset: the endpoint the service uses. */
  Optional<URI> publicEndpoint();

  /** How to reach S3. */
  S3 s3();

  /** The S3 client's settings. */
  interface S3 {

    /** The endpoint (S3Proxy, MinIO, a region's endpoint); unset: AWS's endpoint of the region. */
    Optional<URI> endpoint();

    /** The region requests are signed for. */
    @WithDefault("us-east-1")
    String region();

    /** Path-style addressing (bucket in the path), which S3Proxy and MinIO need. */
    @WithDefault("false")
    boolean pathStyle();

    /** A static access key; unset: the AWS default credentials chain. */
    Optional<String> accessKeyId();

    /** The static access key's secret. */
    Optional<String> secretAccessKey();
  }
}
