package io.fourfold.account.application;

/** Another account already uses this email. */
public class EmailTakenException extends RuntimeException {

  public EmailTakenException() {
    super("this email is used by another account");
  }
}
