package io.fourfold.search.projection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.fourfold.schema.personal.PersonalDataCipher;
import io.fourfold.search.document.AccountEvents;
import io.fourfold.search.index.AccountIndex;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/**
 * A rebuild of the search documents into a new generation, as eventing's rebuild engine drives it:
 * the new index is filled while the alias serves the old one, live writes are held (in the store,
 * for every instance) during the switch and land in the new generation afterwards, and the old
 * generation can be dropped.
 */
@QuarkusTest
class AccountSearchGenerationsTest {

  @Inject AccountSearchGenerations generations;
  @Inject AccountSearchProjector projector;
  @Inject AccountIndex index;
  @Inject RestClient elasticsearch;

  @Inject
  @ReactiveDataSource("eventstore")
  Pool eventStore;

  @Test
  void aNewGenerationIsFilledSwitchedToWithLiveWritesHeldAndTheOldOneDropped() {
    TestDataKeys keys = new TestDataKeys(eventStore);
    PersonalDataCipher cipher = new PersonalDataCipher(keys);
    SearchFixture fixture = new SearchFixture(projector, elasticsearch, index.alias());
    String plan = "plan-" + UUID.randomUUID();

    AccountEvents kept = account(cipher, "Rebuilt Kept", plan);
    kept.uploaded("blob-" + kept.accountId());
    AccountEvents erased = account(cipher, "Rebuilt Erased", plan);
    erased.erased();
    keys.destroy(erased.accountId());
    List<ProjectedEvent> history = new ArrayList<>(kept.all());
    history.addAll(erased.all());

    int serving = generations.servingGeneration();
    int target = serving + 1;
    generations.create(target);
    generations.create(target);
    generations.applyAll(history, target);
    generations.applyAll(history, target);
    assertThat(fixture.ids(Map.of("plan", plan))).as("the old generation still serves").isEmpty();

    AccountEvents live = account(cipher, "Rebuilt Live", plan);
    CompletableFuture<Void> liveWrite;
    try (RebuildableProjection.Exclusive hold = generations.exclusive()) {
      // The live projector's write is refused by the held index and retried, as the runtime does.
      liveWrite =
          projector
              .applyAll(live.all())
              .onFailure()
              .retry()
              .withBackOff(Duration.ofMillis(50), Duration.ofMillis(500))
              .atMost(100)
              .subscribeAsCompletionStage();
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(2))
          .until(() -> !liveWrite.isDone());
      hold.applyAll(live.all(), target);
      hold.serve(target);
      hold.commit();
    }
    liveWrite.join();

    assertThat(generations.servingGeneration()).isEqualTo(target);
    assertThat(fixture.ids(Map.of("plan", plan)))
        .containsExactlyInAnyOrder(kept.accountId(), live.accountId());
    fixture.search(Map.of("plan", plan, "q", "kept")).body("hits[0].blobCount", equalTo(1));
    assertThat(fixture.raw(erased.accountId()).path("_source").path("state").asText())
        .isEqualTo("erased");
    assertThat(fixture.raw(erased.accountId()).toString()).doesNotContain("Rebuilt Erased");

    assertThatThrownBy(() -> generations.drop(target)).isInstanceOf(IllegalStateException.class);
    generations.drop(serving);
    assertThat(index.exists(index.generationName(serving)).await().indefinitely()).isFalse();
    given()
        .get("/internal/generations")
        .then()
        .statusCode(200)
        .body("find { it.name == 'search-accounts' }.store", equalTo("elasticsearch"));
  }

  @Test
  void aBulkLoadedGenerationHoldsWhatTheLiveWriterBuildsFromTheSameEvents() throws Exception {
    TestDataKeys keys = new TestDataKeys(eventStore);
    PersonalDataCipher cipher = new PersonalDataCipher(keys);
    String plan = "plan-" + UUID.randomUUID();
    List<ProjectedEvent> history = new ArrayList<>();
    List<AccountEvents> accounts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      AccountEvents account = new AccountEvents(cipher);
      accounts.add(account);
      history.add(
          account.registered(
              "bulk" + i + "@" + account.accountId().substring(0, 8) + ".example",
              "Bulk Loaded " + i,
              AccountEvents.AT));
      history.add(account.subscribed("sub-" + account.accountId(), plan));
    }
    AccountEvents pending = new AccountEvents(cipher);
    accounts.add(pending);
    AccountEvents erased = accounts.get(1);
    // Each account comes back after the loader has flushed it (it holds 3): read back, folded on.
    for (AccountEvents account : accounts) {
      history.add(account.invoiced("inv-" + account.accountId(), 1_200));
      history.add(account.uploaded("blob-1-" + account.accountId()));
    }
    history.add(erased.erased());
    for (AccountEvents account : accounts) {
      history.add(account.paid("inv-" + account.accountId(), 500));
      history.add(account.uploaded("blob-2-" + account.accountId()));
      history.add(account.planChanged("sub-" + account.accountId(), plan, plan + "-pro"));
    }
    history.add(accounts.get(0).renamed("Bulk Renamed"));
    history.add(accounts.get(2).suspended());
    history.add(accounts.get(3).deleted("blob-1-" + accounts.get(3).accountId()));
    // Late billing and blob events of the erased account never bring it back.
    history.add(erased.invoiced("inv-late-" + erased.accountId(), 900));
    history.add(erased.uploaded("blob-late-" + erased.accountId()));
    keys.destroy(erased.accountId());
    List<List<ProjectedEvent>> batches = new ArrayList<>();
    for (int from = 0; from < history.size(); from += 4) {
      batches.add(history.subList(from, Math.min(history.size(), from + 4)));
    }

    int live = generations.servingGeneration() + 10;
    int bulk = live + 1;
    try {
      generations.create(live);
      generations.create(bulk);
      for (List<ProjectedEvent> batch : batches) {
        generations.applyAll(batch, live);
      }
      int flushes = load(bulk, batches);
      assertThat(flushes).as("the loader wrote several times").isGreaterThanOrEqualTo(3);

      for (AccountEvents account : accounts) {
        JsonNode expected = source(live, account.accountId());
        assertThat(expected).as(account.accountId()).isNotNull();
        assertThat(source(bulk, account.accountId())).as(account.accountId()).isEqualTo(expected);
      }
      assertThat(source(bulk, erased.accountId()).path("state").asText()).isEqualTo("erased");
      assertThat(source(bulk, erased.accountId()).toString()).doesNotContain("Bulk Loaded 1");
      assertThat(source(bulk, pending.accountId()).path("state").asText()).isEqualTo("pending");
      assertThat(count(bulk)).as("searchable after finish").isEqualTo(accounts.size());
      assertThat(setting(bulk, "refresh_interval")).isNotEqualTo("-1");

      // A resumed rebuild reads the events again into what it flushed: nothing changes.
      Map<String, JsonNode> before = new java.util.HashMap<>();
      for (AccountEvents account : accounts) {
        before.put(account.accountId(), raw(bulk, account.accountId()));
      }
      load(bulk, batches);
      for (AccountEvents account : accounts) {
        assertThat(raw(bulk, account.accountId()))
            .as("untouched: " + account.accountId())
            .isEqualTo(before.get(account.accountId()));
      }
    } finally {
      generations.drop(live);
      generations.drop(bulk);
    }
  }

  /** Drives a bulk load as eventing's engine does; answers how many flushes wrote. */
  private int load(int generation, List<List<ProjectedEvent>> batches) {
    RebuildableProjection.BulkLoad load = generations.bulkLoad(generation).orElseThrow();
    int flushes = 0;
    for (List<ProjectedEvent> batch : batches) {
      if (load.add(batch)) {
        load.flush();
        flushes++;
      }
    }
    load.flush();
    load.finish();
    return flushes + 1;
  }

  private JsonNode source(int generation, String accountId) throws Exception {
    JsonNode raw = raw(generation, accountId);
    return raw == null ? null : raw.path("_source");
  }

  /** The stored document with its sequence number and version, or null. */
  private JsonNode raw(int generation, String accountId) throws Exception {
    try {
      return call("GET", "/" + index.generationName(generation) + "/_doc/" + accountId);
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  private long count(int generation) throws Exception {
    return call("GET", "/" + index.generationName(generation) + "/_count").path("count").asLong();
  }

  private String setting(int generation, String name) throws Exception {
    String location = index.generationName(generation);
    return call("GET", "/" + location + "/_settings/index." + name)
        .path(location)
        .path("settings")
        .path("index")
        .path(name)
        .asText();
  }

  private JsonNode call(String method, String path) throws Exception {
    Response response = elasticsearch.performRequest(new Request(method, path));
    return new ObjectMapper().readTree(response.getEntity().getContent());
  }

  @Test
  void oneAggregateCannotBeRebuiltInPlace() {
    try (RebuildableProjection.Exclusive hold = generations.exclusive()) {
      assertThatThrownBy(() -> hold.forget("any", generations.servingGeneration()))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  private static AccountEvents account(PersonalDataCipher cipher, String name, String plan) {
    AccountEvents events = new AccountEvents(cipher);
    events.registered(
        "rebuild@" + events.accountId().substring(0, 8) + ".example", name, AccountEvents.AT);
    events.subscribed("sub-" + events.accountId(), plan);
    return events;
  }
}
