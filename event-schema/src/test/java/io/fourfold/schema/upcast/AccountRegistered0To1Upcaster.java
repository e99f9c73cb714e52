package io.fourfold.schema.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A worked example, test-only: a fictional revision 0 of {@code account.registered} had {@code
 * name} where revision 1 has {@code displayName}, and no {@code role} because every account was a
 * user. A real upcaster looks like this, lives in src/main, is listed in {@link
 * UpcasterChain#standardUpcasters()} and gets a fixture directory of its own.
 */
final class AccountRegistered0To1Upcaster implements EventUpcaster {

  @Override
  public String typeName() {
    return "account.registered";
  }

  @Override
  public int fromRevision() {
    return 0;
  }

  @Override
  public ObjectNode upcast(ObjectNode json) {
    json.set("displayName", json.remove("name"));
    if (!json.has("role")) {
      json.put("role", "user");
    }
    return json;
  }
}
