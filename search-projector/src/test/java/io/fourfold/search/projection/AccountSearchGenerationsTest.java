package io.fourfold.search.projection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

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
