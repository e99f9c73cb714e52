package io.fourfold.account.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fourfold.eventing.store.AxonEventStore;
import io.fourfold.schema.EventMetadata;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

/**
 * A request's W3C trace context travels into the metadata of the events it causes, from there
 * through Kafka into each projection's store write: one trace follows a change from the gateway to
 * every store. A request without one starts a new trace.
 */
@QuarkusTest
class TraceContextTest {

  private static final String ADMIN = "00000000-0000-0000-0000-00000000a0a0";

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Inject AxonEventStore eventStore;
  @Inject InMemorySpanExporter spans;

  @Test
  void theRequestsTraceIsInTheMetadataOfTheEventsItCaused() {
    String traceparent = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    String id = register(Map.of("traceparent", traceparent, "tracestate", "vendor=value"));

    given()
        .header("X-Account-Id", ADMIN)
        .header("X-Account-Role", "admin")
        .header("traceparent", traceparent)
        .contentType("application/json")
        .body(Map.of("reason", "tracing"))
        .post("/api/v1/accounts/" + id + "/suspend")
        .then()
        .statusCode(200);

    List<? extends DomainEventMessage<?>> events = events(id);
    assertThat(events).hasSize(2);
    // The events' parent is the service's span of the request, in the caller's trace.
    assertThat(events)
        .allSatisfy(
            event ->
                assertThat((String) event.getMetaData().get(EventMetadata.TRACEPARENT))
                    .matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01")
                    .isNotEqualTo(traceparent));
    assertThat(events.get(0).getMetaData().get(EventMetadata.TRACESTATE)).isEqualTo("vendor=value");
    assertThat(events.get(1).getMetaData().get(EventMetadata.ACTOR)).isEqualTo(ADMIN);
  }

  @Test
  void aRequestWithoutAValidTraceparentStartsANewTrace() {
    String first = register(Map.of("traceparent", "not-a-trace"));
    String second = register(Map.of());

    String one = (String) events(first).get(0).getMetaData().get(EventMetadata.TRACEPARENT);
    String other = (String) events(second).get(0).getMetaData().get(EventMetadata.TRACEPARENT);
    assertThat(one).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    assertThat(other).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    assertThat(one.substring(3, 35)).isNotEqualTo(other.substring(3, 35));
  }

  @Test
  void oneTraceRunsFromTheRequestThroughKafkaIntoTheReadModelsWrite() {
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    String id = register(Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-01"));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Map<String, SpanData> trace = new HashMap<>();
              spans.getFinishedSpanItems().stream()
                  .filter(span -> span.getTraceId().equals(traceId))
                  .forEach(span -> trace.put(span.getName(), span));
              SpanData request = trace.get("POST /api/v1/accounts");
              SpanData publish = trace.get("publish account.registered");
              SpanData apply = trace.get("account-read-model apply");
              assertThat(request).isNotNull();
              assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
              assertThat(publish).isNotNull();
              assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
              assertThat(publish.getParentSpanId()).isEqualTo(request.getSpanId());
              assertThat(apply).isNotNull();
              assertThat(apply.getKind()).isEqualTo(SpanKind.CONSUMER);
              assertThat(apply.getParentSpanId()).isEqualTo(publish.getSpanId());
              assertThat(apply.getAttributes().get(AttributeKey.stringKey("fourfold.store")))
                  .isEqualTo("postgresql");
              assertThat(apply.getAttributes().get(AttributeKey.stringKey("fourfold.aggregate.id")))
                  .isEqualTo(id);
            });
  }

  private String register(Map<String, String> headers) {
    return given()
        .headers(headers)
        .contentType("application/json")
        .body(
            Map.of(
                "email",
                UUID.randomUUID() + "@example.com",
                "displayName",
                "Ada",
                "password",
                "correct horse battery"))
        .post("/api/v1/accounts")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private List<? extends DomainEventMessage<?>> events(String id) {
    return eventStore.events().readEvents(id, 0).asStream().toList();
  }
}
