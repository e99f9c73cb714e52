package io.fourfold.account.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.fourfold.eventing.store.AxonEventStore;
import io.fourfold.schema.EventMetadata;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

/**
 * A request's W3C trace context travels into the metadata of the events it causes (and from there
 * through Kafka to every projection), so one trace id follows a change from the gateway to every
 * store; a request without one starts a new trace.
 */
@QuarkusTest
class TraceContextTest {

  private static final String ADMIN = "00000000-0000-0000-0000-00000000a0a0";

  @Inject AxonEventStore eventStore;

  @Test
  void theRequestsTraceparentIsInTheMetadataOfTheEventsItCaused() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
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
    assertThat(events)
        .allSatisfy(
            event ->
                assertThat(event.getMetaData().get(EventMetadata.TRACEPARENT))
                    .isEqualTo(traceparent));
    assertThat(events.get(0).getMetaData().get(EventMetadata.TRACESTATE)).isEqualTo("vendor=value");
    assertThat(events.get(1).getMetaData().get(EventMetadata.ACTOR)).isEqualTo(ADMIN);
  }

  @Test
  void aRequestWithoutAValidTraceparentStartsANewTrace() {
    String first = register(Map.of("traceparent", "not-a-trace"));
    String second = register(Map.of());

    String one = (String) events(first).get(0).getMetaData().get(EventMetadata.TRACEPARENT);
    String other = (String) events(second).get(0).getMetaData().get(EventMetadata.TRACEPARENT);
    assertThat(one).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
    assertThat(other).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
    assertThat(one.substring(3, 35)).isNotEqualTo(other.substring(3, 35));
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
