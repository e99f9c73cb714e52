package io.fourfold.eventing.privacy;

/** The account's key was destroyed when it was erased: nothing can be sealed for it any more. */
public class DataKeyDestroyedException extends IllegalStateException {

  public DataKeyDestroyedException(String accountId) {
    super("account " + accountId + " is erased");
  }
}
