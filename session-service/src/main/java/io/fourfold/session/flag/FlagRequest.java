package io.fourfold.session.flag;

import io.fourfold.eventing.http.Problem;
import io.fourfold.eventing.http.ProblemException;
import io.fourfold.schema.flag.FlagRules;
import java.util.ArrayList;
import java.util.List;

/**
 * An admin's flag rule as sent: {@code enabled} and {@code rolloutPercent} are required, the lists
 * may be left out (empty).
 */
public record FlagRequest(
    Boolean enabled,
    Integer rolloutPercent,
    List<String> allowAccounts,
    List<String> denyAccounts) {

  /** The problems of this request for that key, each naming its field; empty when it is valid. */
  List<Problem.FieldError> problems(String flagKey) {
    List<Problem.FieldError> problems = new ArrayList<>();
    if (flagKey == null || !FlagRules.KEY.matcher(flagKey).matches()) {
      problems.add(
          new Problem.FieldError("key", "must match " + FlagRules.KEY.pattern() + " (1 to 64)"));
    }
    if (enabled == null) {
      problems.add(new Problem.FieldError("enabled", "must be true or false"));
    }
    if (rolloutPercent == null || rolloutPercent < 0 || rolloutPercent > 100) {
      problems.add(new Problem.FieldError("rolloutPercent", "must be a whole number 0..100"));
    }
    accounts(allowAccounts, "allowAccounts", problems);
    accounts(denyAccounts, "denyAccounts", problems);
    return problems;
  }

  /** Throws the 400 problem listing every invalid field, if any. */
  void requireValid(String flagKey) {
    List<Problem.FieldError> problems = problems(flagKey);
    if (!problems.isEmpty()) {
      throw new ProblemException(
          Problem.of("validation", 400, "Invalid request", "One or more fields are invalid.")
              .withErrors(problems));
    }
  }

  List<String> allow() {
    return allowAccounts == null ? List.of() : allowAccounts;
  }

  List<String> deny() {
    return denyAccounts == null ? List.of() : denyAccounts;
  }

  private static void accounts(List<String> ids, String field, List<Problem.FieldError> problems) {
    if (ids == null) {
      return;
    }
    if (ids.size() > FlagRules.MAX_LISTED_ACCOUNTS) {
      problems.add(
          new Problem.FieldError(field, "may name at most " + FlagRules.MAX_LISTED_ACCOUNTS));
    }
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null || !FlagRules.ACCOUNT_ID.matcher(id).matches()) {
        problems.add(new Problem.FieldError(field + "[" + i + "]", "must be an account id"));
      }
    }
  }
}
