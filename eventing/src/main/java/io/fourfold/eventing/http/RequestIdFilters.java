package io.fourfold.eventing.http;

import io.fourfold.eventing.tracing.EventTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request an id (the client's, when it sent a sane one), logs with it and echoes it,
 * and names the service that answered so a gateway routing mistake is visible in one header.
 *
 * <p>It also keeps the request's W3C trace context ({@code traceparent}, {@code tracestate}) for
 * the commands the request sends, so the events carry it to every projection; a request without a
 * valid one starts a new trace, so every change can be followed; the answer names the trace in a
 * {@code traceresponse} header.
 */
public class RequestIdFilters {

  /** The header that carries the request id, in and out. */
  public static final String REQUEST_ID = "X-Request-Id";

  /** The header naming the service that produced the answer. */
  public static final String SERVED_BY = "X-Fourfold-Service";

  /** The W3C trace context headers. */
  public static final String TRACEPARENT = "traceparent";

  public static final String TRACESTATE = "tracestate";

  /** Where the request's id and trace context are kept for logs and commands. */
  public static final String MDC_REQUEST_ID = "requestId";

  public static final String MDC_TRACEPARENT = "traceparent";
  public static final String MDC_TRACESTATE = "tracestate";
  public static final String MDC_TRACE_ID = "traceId";

  /** W3C Trace Context level 2: tells the caller which trace its request joined or started. */
  public static final String TRACERESPONSE = "traceresponse";

  private static final String PROPERTY = "fourfold.request-id";
  private static final String TRACE_PROPERTY = "fourfold.traceparent";
  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  // version 00, a non-zero trace id and parent id; other versions are read the same way.
  private static final Pattern TRACE_CONTEXT =
      Pattern.compile("[0-9a-f]{2}-(?!0{32})([0-9a-f]{32})-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");
  private static final Pattern SANE_TRACESTATE = Pattern.compile("[\\x20-\\x7E]{1,512}");

  private final String serviceName;

  public RequestIdFilters(@ConfigProperty(name = "quarkus.application.name") String serviceName) {
    this.serviceName = serviceName;
  }

  @ServerRequestFilter(preMatching = true)
  public void assignRequestId(ContainerRequestContext request) {
    String sent = request.getHeaderString(REQUEST_ID);
    // A client-chosen id ends up in logs: accept only a short plain token, never arbitrary text.
    String id =
        sent != null && SANE_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    request.setProperty(PROPERTY, id);
    MDC.put(MDC_REQUEST_ID, id);
    traceContext(request);
    request.setProperty(TRACE_PROPERTY, MDC.get(MDC_TRACEPARENT));
  }

  @ServerResponseFilter
  public void echoRequestId(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(PROPERTY);
    if (id != null) {
      response.getHeaders().putSingle(REQUEST_ID, id);
    }
    Object traceparent = request.getProperty(TRACE_PROPERTY);
    if (traceparent != null) {
      response.getHeaders().putSingle(TRACERESPONSE, traceparent);
    }
    response.getHeaders().putSingle(SERVED_BY, serviceName);
    MDC.remove(MDC_REQUEST_ID);
    MDC.remove(MDC_TRACEPARENT);
    MDC.remove(MDC_TRACESTATE);
    MDC.remove(MDC_TRACE_ID);
  }

  private static void traceContext(ContainerRequestContext request) {
    SpanContext server = Span.current().getSpanContext();
    String parent = request.getHeaderString(TRACEPARENT);
    Matcher valid = parent == null ? null : TRACE_CONTEXT.matcher(parent.trim());
    if (server.isValid()) {
      // OpenTelemetry is on and opened this request's server span (continuing the caller's trace
      // when it sent one): the request's commands become its children.
      MDC.put(MDC_TRACEPARENT, EventTracing.traceparent(server));
      MDC.put(MDC_TRACE_ID, server.getTraceId());
    } else if (valid != null && valid.matches()) {
      MDC.put(MDC_TRACEPARENT, parent.trim());
      MDC.put(MDC_TRACE_ID, valid.group(1));
    } else {
      String traceId = randomHex(16);
      MDC.put(MDC_TRACEPARENT, "00-" + traceId + "-" + randomHex(8) + "-00");
      MDC.put(MDC_TRACE_ID, traceId);
      return;
    }
    String state = request.getHeaderString(TRACESTATE);
    if (state != null && SANE_TRACESTATE.matcher(state).matches()) {
      MDC.put(MDC_TRACESTATE, state);
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    random[0] |= 1; // never all zeros, which W3C reserves as invalid
    return HexFormat.of().formatHex(random);
  }
}
