package io.fourfold.session;

import io.fourfold.eventing.testing.OperationsEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsEndpointsTest extends OperationsEndpointsContract {

  @Override
  protected String[] storeChecks() {
    return new String[] {
      "Redis connection health check",
      "Kafka connection health check",
      "Database connections health check"
    };
  }

  @Override
  protected String serviceName() {
    return "session-service";
  }
}
