package io.fourfold.search.projection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.projection.ConsistencyFilters;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.consistency.ConsistencyToken;
import io.fourfold.schema.personal.PersonalDataCipher;
import io.fourfold.search.document.AccountDocument;
import io.fourfold.search.document.AccountDocumentFold;
import io.fourfold.search.document.AccountEvents;
import io.fourfold.search.index.AccountIndex;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The projection fed through Kafka as the relay publishes: every event delivered twice still gives
 * the document of one pass, and a search that sends a command's consistency token sees its effect.
 */
@QuarkusTest
class AccountSearchFeedTest {

  private static final Duration CONSUMER_STARTED = Duration.ofSeconds(60);

  @Inject AccountSearchProjector projector;
  @Inject AccountIndex index;
  @Inject RestClient elasticsearch;
  @Inject ObjectMapper json;

  @Inject
  @ReactiveDataSource("eventstore")
  Pool eventStore;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  private EventPublisher publisher;
  private PersonalDataCipher cipher;
  private SearchFixture fixture;
  private final String plan = "plan-" + UUID.randomUUID();

  @BeforeEach
  void setUp() {
    publisher = new EventPublisher(bootstrapServers);
    cipher = new PersonalDataCipher(new TestDataKeys(eventStore));
    fixture = new SearchFixture(projector, elasticsearch, index.alias());
  }

  @AfterEach
  void close() {
    publisher.close();
  }

  @Test
  void everyEventPublishedTwiceGivesTheDocumentOfOnePassAndAConsistencyTokenIsWaitedFor()
      throws Exception {
    AccountEvents events = new AccountEvents(cipher);
    String account = events.accountId();
    publishTwice(events.registered("fed@" + account + ".example", "Fed Tester", AccountEvents.AT));
    publishTwice(events.subscribed("sub-" + account, plan));
    // The first events may wait for the consumer group to be assigned its partitions.
    await()
        .atMost(CONSUMER_STARTED)
        .until(() -> fixture.ids(Map.of("plan", plan)).contains(account));

    ProjectedEvent renamed = events.renamed("Fed Renamed");
    publishTwice(renamed);
    given()
        .header(Caller.ACCOUNT_ID, "admin-of-the-tests")
        .header(Caller.ROLE, "admin")
        .header(
            ConsistencyFilters.CONSISTENT_WITH,
            new ConsistencyToken(account, renamed.sequence()).encode())
        .header(ConsistencyFilters.TIMEOUT, "5000")
        .queryParam("q", "renamed")
        .queryParam("plan", plan)
        .get("/api/v1/search/accounts")
        .then()
        .statusCode(200)
        .header(ConsistencyFilters.CONSISTENCY, "fresh")
        .body("hits.id", hasItem(account))
        .body("hits[0].displayName", equalTo("Fed Renamed"));

    String invoice = "inv-" + account;
    publishTwice(events.invoiced(invoice, 2900));
    publishTwice(events.paid(invoice, 900));
    publishTwice(events.uploaded("blob-" + account));
    ProjectedEvent last = events.deleted("blob-" + account);
    publishTwice(last);
    publishTwice(events.uploaded("blob-2-" + account));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> projector.appliedSequence("blob-2-" + account).await().indefinitely() == 0);
    AccountDocument expected = null;
    AccountDocumentFold fold = new AccountDocumentFold("free");
    for (ProjectedEvent event : events.all()) {
      expected = fold.apply(expected, event, cipher);
    }
    AccountDocument stored =
        json.treeToValue(fixture.raw(account).path("_source"), AccountDocument.class);
    assertThat(stored).isEqualTo(expected);
    fixture
        .search(Map.of("plan", plan))
        .body("hits[0].invoiceCount", equalTo(1))
        .body("hits[0].balanceMinor", equalTo(2000))
        .body("hits[0].blobCount", equalTo(1));
  }

  @Test
  void theProjectionIsReportedWithItsStore() {
    given()
        .header(Caller.ACCOUNT_ID, "admin-of-the-tests")
        .header(Caller.ROLE, "admin")
        .get("/api/v1/projections")
        .then()
        .statusCode(200)
        .body("find { it.name == 'search-accounts' }.store", equalTo("elasticsearch"))
        .body("find { it.name == 'search-accounts' }.service", equalTo("search-projector"));
    given()
        .get("/internal/projections")
        .then()
        .statusCode(200)
        .body("find { it.name == 'search-accounts' }.store", equalTo("elasticsearch"));
  }

  private void publishTwice(ProjectedEvent event) throws Exception {
    for (ProjectedEvent copy : List.of(event, event)) {
      publisher.publish(copy);
    }
  }
}
