package io.fourfold.blob.exports.projection;

/**
 * Work the fold left for the worker.
 *
 * @param kind {@code export} (build {@code exportId}) or {@code erasure} (remove the account's
 *     objects)
 * @param attempts how many times it was claimed, this time included
 */
public record ExportJob(
    String jobId, String kind, String accountId, String exportId, int attempts) {}
