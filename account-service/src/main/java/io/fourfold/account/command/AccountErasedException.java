package io.fourfold.account.command;

/** A command for an account that was erased: there is nothing left to change. */
public class AccountErasedException extends RuntimeException {

  public AccountErasedException(String accountId) {
    super("account " + accountId + " was erased");
  }
}
