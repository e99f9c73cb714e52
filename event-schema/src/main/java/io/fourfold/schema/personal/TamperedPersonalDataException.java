package io.fourfold.schema.personal;

/**
 * Thrown when sealed personal data fails authentication: it was altered, or copied from another
 * account's event. Unlike an erased account, this is a fault to investigate, not a state to show.
 */
public final class TamperedPersonalDataException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public TamperedPersonalDataException(String accountId, Throwable cause) {
    super(
        "personal data does not authenticate for account "
            + accountId
            + ": altered, or sealed for another account",
        cause);
  }
}
