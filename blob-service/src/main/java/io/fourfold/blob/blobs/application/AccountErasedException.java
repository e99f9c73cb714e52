package io.fourfold.blob.blobs.application;

/** The account was erased: it has no blobs or exports, and gets none. */
public class AccountErasedException extends RuntimeException {

  public AccountErasedException(String accountId) {
    super("account " + accountId + " is erased");
  }
}
