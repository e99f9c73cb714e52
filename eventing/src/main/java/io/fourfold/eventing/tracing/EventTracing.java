package io.fourfold.eventing.tracing;

import io.fourfold.eventing.http.RequestIdFilters;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.Projector;
import io.fourfold.schema.EventMetadata;
import io.fourfold.schema.EventType;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.MDC;

/**
 * Continues an event's trace past the request that caused it: the trace context a command stored in
 * the event's metadata becomes the parent of a span for publishing the event to Kafka, and that
 * span's context, carried in the record's headers, the parent of a span for each projection's store
 * write. One trace then runs from the HTTP request to every store its events reach.
 *
 * <p>With the OpenTelemetry SDK switched off (the local default) every span is a no-op: the stored
 * trace context is passed on unchanged, so logs and headers still name the request's trace.
 */
@ApplicationScoped
public class EventTracing {

  private static final TextMapGetter<Map<String, ?>> METADATA =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, ?> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, ?> carrier, String key) {
          Object value = carrier == null ? null : carrier.get(key);
          return value == null ? null : value.toString();
        }
      };

  private final Tracer tracer;

  public EventTracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("io.fourfold.eventing");
  }

  /**
   * Starts the span of publishing one event; end it when the broker acknowledged the record.
   *
   * @param metadata the event's stored metadata, whose trace context becomes the parent
   */
  public Span startPublish(
      String topic, Object event, String aggregateId, Map<String, ?> metadata) {
    String type = typeOf(event);
    return tracer
        .spanBuilder("publish " + type)
        .setParent(parentOf(metadata))
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.destination.name", topic)
        .setAttribute("fourfold.event.type", type)
        .setAttribute("fourfold.aggregate.id", aggregateId)
        .startSpan();
  }

  /**
   * Starts one span per event for a projection's write of them (in one batch or one at a time),
   * each a child of its own event's trace; end them with {@link #end} once the write committed.
   */
  public List<Span> startApply(Projector projector, List<ProjectedEvent> events) {
    return events.stream()
        .map(
            event ->
                tracer
                    .spanBuilder(projector.name() + " apply")
                    .setParent(parentOf(event.metadata()))
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("fourfold.projection", projector.name())
                    .setAttribute("fourfold.store", projector.store().apiName())
                    .setAttribute("fourfold.event.type", typeOf(event.event()))
                    .setAttribute("fourfold.aggregate.id", event.aggregateId())
                    .setAttribute("fourfold.aggregate.sequence", event.sequence())
                    .setAttribute("fourfold.event.global_index", event.globalIndex())
                    .setAttribute("fourfold.batch.size", events.size())
                    .startSpan())
        .toList();
  }

  /** Ends spans; a failure marks them as errors. */
  public static void end(List<Span> spans, Throwable failure) {
    for (Span span : spans) {
      if (failure != null) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getMessage());
      }
      span.end();
    }
  }

  /**
   * The W3C {@code traceparent} to hand on: the span's own when it records, else the one the event
   * already carried (SDK off), else none.
   */
  public static Optional<String> traceparent(Span span, Map<String, ?> metadata) {
    SpanContext context = span.getSpanContext();
    if (context.isValid()) {
      return Optional.of(traceparent(context));
    }
    return Optional.ofNullable(METADATA.get(metadata, EventMetadata.TRACEPARENT));
  }

  /** The W3C {@code traceparent} (version 00) naming this span as the parent. */
  public static String traceparent(SpanContext context) {
    return "00-"
        + context.getTraceId()
        + "-"
        + context.getSpanId()
        + "-"
        + context.getTraceFlags().asHex();
  }

  /**
   * Runs {@code log} with the event's trace id in the logging context, as a request's lines have
   * it, so a projection's warning about an event is found by the trace id of the request behind it.
   */
  public static void logInTrace(String traceparent, Runnable log) {
    String traceId =
        traceparent != null && traceparent.length() >= 35 ? traceparent.substring(3, 35) : null;
    if (traceId == null) {
      log.run();
      return;
    }
    Object outer = MDC.get(RequestIdFilters.MDC_TRACE_ID);
    MDC.put(RequestIdFilters.MDC_TRACE_ID, traceId);
    try {
      log.run();
    } finally {
      if (outer == null) {
        MDC.remove(RequestIdFilters.MDC_TRACE_ID);
      } else {
        MDC.put(RequestIdFilters.MDC_TRACE_ID, outer);
      }
    }
  }

  private static Context parentOf(Map<String, ?> metadata) {
    return W3CTraceContextPropagator.getInstance().extract(Context.root(), metadata, METADATA);
  }

  private static String typeOf(Object event) {
    EventType type = event.getClass().getAnnotation(EventType.class);
    return type == null ? event.getClass().getSimpleName() : type.name();
  }
}
