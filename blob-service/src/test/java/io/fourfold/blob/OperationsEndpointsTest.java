package io.fourfold.blob;

import io.fourfold.eventing.testing.OperationsEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsEndpointsTest extends OperationsEndpointsContract {

  @Override
  protected String[] storeChecks() {
    return new String[] {"S3 blob bucket", "Kafka connection health check"};
  }

  @Override
  protected String serviceName() {
    return "blob-service";
  }
}
