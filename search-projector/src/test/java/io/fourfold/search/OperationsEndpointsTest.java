package io.fourfold.search;

import io.fourfold.eventing.testing.OperationsEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsEndpointsTest extends OperationsEndpointsContract {

  @Override
  protected String[] storeChecks() {
    return new String[] {
      "Elasticsearch cluster health check",
      "Reactive PostgreSQL connections health check",
      "Kafka connection health check"
    };
  }

  @Override
  protected String serviceName() {
    return "search-projector";
  }
}
