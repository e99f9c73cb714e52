package io.fourfold.blob.blobs.application;

import java.time.Instant;

/** A live blob as the command side knows it: who owns it and which object holds its bytes. */
public record BlobRef(
    String blobId,
    String accountId,
    String objectKey,
    long size,
    String sha256,
    String contentType,
    Instant uploadedAt) {}
