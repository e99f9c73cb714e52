package io.fourfold.blob.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Signs short-lived download URLs for the endpoint clients reach ({@code public-endpoint}); S3
 * refuses them once expired or altered.
 */
@ApplicationScoped
public class Presigner {

  private final S3Presigner presigner;
  private final String bucket;
  private final Duration ttl;

  public Presigner(S3Presigner presigner, BlobStorageConfig config) {
    this.presigner = presigner;
    this.bucket = config.bucket();
    this.ttl = config.downloadTtl();
  }

  /** A URL that downloads the object for {@code download-ttl}, served as {@code contentType}. */
  public URI download(String key, String contentType) {
    return URI.create(
        presigner
            .presignGetObject(
                r ->
                    r.signatureDuration(ttl)
                        .getObjectRequest(
                            g -> g.bucket(bucket).key(key).responseContentType(contentType)))
            .url()
            .toString());
  }
}
