package io.fourfold.session.auth;

import java.util.List;
import java.util.regex.Pattern;

/** The endpoints anyone may call without a session (API.md: "public"), limited per address. */
final class PublicEndpoints {

  private record Endpoint(String method, Pattern path) {}

  private static final List<Endpoint> ALL =
      List.of(
          new Endpoint("POST", Pattern.compile("/api/v1/accounts/?")),
          new Endpoint("POST", Pattern.compile("/api/v1/sessions/?")),
          new Endpoint("GET", Pattern.compile("/api/v1/plans/?")),
          new Endpoint("GET", Pattern.compile("/api/v1/openapi/[a-z]+/?")));

  private PublicEndpoints() {}

  static boolean isPublic(String method, String uri) {
    if (method == null || uri == null) {
      return false;
    }
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    return ALL.stream()
        .anyMatch(e -> e.method().equalsIgnoreCase(method) && e.path().matcher(path).matches());
  }
}
