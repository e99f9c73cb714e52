package io.fourfold.schema.blob;

import io.fourfold.schema.DomainEvent;

/**
 * An event of a blob aggregate, whose aggregate id is the blob id. Every event names the owning
 * account, so projections (search document, export, erasure) file it without a lookup.
 */
public sealed interface BlobEvent extends DomainEvent permits BlobUploaded, BlobDeleted {

  /** The blob, which is the aggregate id. */
  String blobId();

  /** The account that owns the blob. */
  String accountId();

  @Override
  default String aggregateId() {
    return blobId();
  }
}
