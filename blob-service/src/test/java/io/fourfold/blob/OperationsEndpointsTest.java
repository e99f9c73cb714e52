package io.fourfold.blob;

import io.fourfold.eventing.testing.OperationsEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsEndpointsTest extends OperationsEndpointsContract {

  @Override
  protected String[] storeChecks() {
    return new String[] {
      "S3 blob bucket",
      "Reactive PostgreSQL connections health check",
      "Database connections health check",
      "Kafka connection health check"
    };
  }

  @Override
  protected String serviceName() {
    return "blob-service";
  }
}
