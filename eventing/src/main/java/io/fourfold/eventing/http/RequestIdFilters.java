package io.fourfold.eventing.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request an id (the client's, when it sent a sane one), logs with it and echoes it,
 * and names the service that answered so a gateway routing mistake is visible in one header.
 */
public class RequestIdFilters {

  /** The header that carries the request id, in and out. */
  public static final String REQUEST_ID = "X-Request-Id";

  /** The header naming the service that produced the answer. */
  public static final String SERVED_BY = "X-Fourfold-Service";

  private static final String PROPERTY = "fourfold.request-id";
  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

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
    MDC.put("requestId", id);
  }

  @ServerResponseFilter
  public void echoRequestId(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(PROPERTY);
    if (id != null) {
      response.getHeaders().putSingle(REQUEST_ID, id);
    }
    response.getHeaders().putSingle(SERVED_BY, serviceName);
    MDC.remove("requestId");
  }
}
