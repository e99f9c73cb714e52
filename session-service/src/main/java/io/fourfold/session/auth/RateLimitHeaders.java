package io.fourfold.session.auth;

import jakarta.ws.rs.core.Response;

/**
 * A rate-limit reading as the IETF RateLimit headers every answer carries.
 *
 * @param limit requests allowed in the window
 * @param count requests counted in the window so far, this one included
 * @param resetSeconds seconds until the window starts again
 */
record RateLimitHeaders(long limit, long count, long resetSeconds) {

  boolean exceeded() {
    return count > limit;
  }

  Response.ResponseBuilder addTo(Response.ResponseBuilder response) {
    response
        .header("RateLimit-Limit", limit)
        .header("RateLimit-Remaining", Math.max(0, limit - count))
        .header("RateLimit-Reset", resetSeconds);
    if (exceeded()) {
      response.header("Retry-After", Math.max(1, resetSeconds));
    }
    return response;
  }
}
