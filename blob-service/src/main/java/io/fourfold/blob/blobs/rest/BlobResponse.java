package io.fourfold.blob.blobs.rest;

/** A stored blob, as {@code POST /api/v1/blobs} answers it. */
public record BlobResponse(String id, long size, String sha256, String contentType) {}
