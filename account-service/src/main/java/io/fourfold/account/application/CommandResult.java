package io.fourfold.account.application;

import io.fourfold.schema.consistency.ConsistencyToken;

/** What a command on an account left behind: the account's new version, as a token too. */
public record CommandResult(String accountId, long version) {

  /** The token a client sends back to read this write. */
  public ConsistencyToken token() {
    return new ConsistencyToken(accountId, version);
  }
}
