package io.fourfold.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One trace per request from the gateway on: the gateway starts a trace when the client sent none
 * (its trace id is the request id in the gateway's access log) and the service continues it, which
 * it names in {@code traceresponse}; a client's own trace context is continued, never replaced.
 */
class TraceTest {

  @Test
  void theGatewayStartsATraceTheServiceContinues() {
    HttpResponse<String> answer = register();

    String requestId = answer.headers().firstValue("X-Request-Id").orElseThrow();
    String traceresponse = answer.headers().firstValue("traceresponse").orElseThrow();
    assertThat(requestId).matches("[0-9a-f]{32}");
    assertThat(traceresponse).matches("00-" + requestId + "-[0-9a-f]{16}-0[01]");
  }

  @Test
  void aClientsTraceIsContinued() {
    String traceId = UUID.randomUUID().toString().replace("-", "");

    HttpResponse<String> answer = register("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

    assertThat(answer.headers().firstValue("traceresponse").orElseThrow())
        .startsWith("00-" + traceId + "-");
  }

  private static HttpResponse<String> register(String... headers) {
    HttpResponse<String> answer =
        Gateway.sendJson(
            "POST",
            "/api/v1/accounts",
            "{\"email\":\"trace-"
                + UUID.randomUUID()
                + "@example.com\",\"displayName\":\"Trace\",\"password\":\"trace test password\"}",
            headers);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return answer;
  }
}
