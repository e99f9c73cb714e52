package io.fourfold.search.query;

/** One account found, as the search endpoint answers it. */
public record AccountHit(
    String id,
    String email,
    String displayName,
    String status,
    String plan,
    long invoiceCount,
    long balanceMinor,
    long blobCount) {}
