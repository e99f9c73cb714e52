package io.fourfold.blob.storage;

import io.smallrye.config.ConfigMapping;

/** Where blob-service keeps its objects. */
@ConfigMapping(prefix = "fourfold.blob")
public interface BlobStorageConfig {

  /** The S3 bucket that holds every blob and export; it must exist before the service starts. */
  String bucket();
}
