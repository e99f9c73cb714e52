package io.fourfold.blob.exports.application;

/**
 * An export as its events tell it.
 *
 * @param status {@code pending}, {@code ready} or {@code failed}
 * @param objectKey where the document is, once ready
 * @param reason why it failed, once failed
 */
public record ExportState(
    String exportId, String accountId, String status, String objectKey, String reason) {

  public boolean isPending() {
    return "pending".equals(status);
  }
}
