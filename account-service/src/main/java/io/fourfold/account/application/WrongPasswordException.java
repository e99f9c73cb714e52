package io.fourfold.account.application;

/** The current password given to change a password does not match. */
public class WrongPasswordException extends RuntimeException {

  public WrongPasswordException() {
    super("the current password is not right");
  }
}
