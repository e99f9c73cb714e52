package io.fourfold.blob.storage;

/**
 * Where objects live in the bucket. Everything of an account is under {@code accounts/{id}/}, so
 * erasure removes it with one prefix; a blob's bytes are content-addressed inside it.
 */
public final class ObjectKeys {

  private ObjectKeys() {}

  /** Every object of the account: its blobs, uploads in flight and exports. */
  public static String accountPrefix(String accountId) {
    return "accounts/" + accountId + "/";
  }

  /** The bytes of the account's blobs whose SHA-256 is {@code sha256}: same bytes, same object. */
  public static String content(String accountId, String sha256) {
    return accountPrefix(accountId) + "blobs/" + sha256;
  }

  /** Where a large upload is assembled before its hash, and so its content key, is known. */
  public static String upload(String accountId, String blobId) {
    return accountPrefix(accountId) + "uploads/" + blobId;
  }

  /** An export document. */
  public static String export(String accountId, String exportId) {
    return accountPrefix(accountId) + "exports/" + exportId + ".json";
  }
}
