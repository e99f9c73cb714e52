package io.fourfold.session.state;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.generation.RebuildProgress;
import io.fourfold.eventing.projection.generation.RebuildRequest;
import io.fourfold.eventing.projection.generation.Rebuilds;
import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.billing.SubscriptionStarted;
import io.fourfold.session.config.RateLimitConfig;
import io.fourfold.session.signin.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding what every request reads (an account's status and plan) into new Redis keys behind the
 * pointers the auth script reads: sessions keep authenticating through the switch, the live
 * projection then writes the new generation, and a rollback serves the old one.
 */
@QuarkusTest
class SessionStateRebuildTest {

  private static final Instant AT = Instant.parse("2026-11-29T06:00:00Z");
  private static final Duration DONE_WITHIN = Duration.ofSeconds(90);
  private static final Duration WRITE = Duration.ofSeconds(5);

  @Inject Rebuilds rebuilds;
  @Inject Sessions sessions;
  @Inject SessionStateProjector stateProjector;
  @Inject SessionStateGenerations stateGenerations;
  @Inject PlanGenerations planGenerations;
  @Inject RateLimitConfig limits;

  private final String account = UUID.randomUUID().toString();

  @AfterEach
  void prune() throws Exception {
    rebuilds.prune(SessionStateProjector.NAME);
    rebuilds.prune(PlanProjector.NAME);
  }

  @Test
  void sessionsAuthenticateThroughTheSwitchAndTheLiveProjectionWritesTheNewGeneration()
      throws Exception {
    String token = sessions.open(account, "user").await().atMost(WRITE).token();
    int before = stateGenerations.servingGeneration();

    List<String> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread requests =
        new Thread(
            () -> {
              while (!stop.get()) {
                Response answer = authenticate(token);
                if (answer.statusCode() != 200) {
                  failures.add(answer.statusCode() + " " + answer.asString());
                }
              }
            });
    requests.start();
    try {
      rebuilds.rebuild(SessionStateProjector.NAME, RebuildRequest.full());
      RebuildProgress done = rebuilds.await(SessionStateProjector.NAME, DONE_WITHIN);
      assertThat(done.phase()).as(done.message()).isEqualTo("done");
    } finally {
      stop.set(true);
      requests.join();
    }
    assertThat(failures).isEmpty();
    assertThat(stateGenerations.servingGeneration()).isEqualTo(before + 1);

    // The live projection now writes the new generation, and the auth script reads it there.
    stateProjector
        .apply(projected(new AccountSuspended(account, "test", AT), account, 0))
        .await()
        .atMost(WRITE);
    assertThat(authenticate(token).statusCode()).isEqualTo(401);

    rebuilds.rollback(SessionStateProjector.NAME);
    RebuildProgress rolledBack = rebuilds.await(SessionStateProjector.NAME, DONE_WITHIN);
    assertThat(rolledBack.phase()).as(rolledBack.message()).isEqualTo("done");
    assertThat(stateGenerations.servingGeneration()).isEqualTo(before);
    // The suspension was only written to the new generation (it is not in the event store).
    assertThat(authenticate(token).statusCode()).isEqualTo(200);
  }

  @Test
  void theAuthScriptReadsThePlanOfTheServingGenerationAndADropRemovesOnlyThatGeneration() {
    String token = sessions.open(account, "user").await().atMost(WRITE).token();
    int serving = planGenerations.servingGeneration();
    int next = serving + 1;
    String subscription = UUID.randomUUID().toString();
    planGenerations.applyAll(
        List.of(
            projected(
                new SubscriptionStarted(subscription, account, "pro", 777, AT), subscription, 0)),
        next);
    int defaultLimit = limit(token);

    switchPlans(next);
    assertThat(limit(token)).isEqualTo(777);

    switchPlans(serving);
    assertThat(limit(token)).isEqualTo(defaultLimit);
    planGenerations.drop(next);
    switchPlans(next);
    assertThat(limit(token)).as("a dropped generation holds nothing").isEqualTo(defaultLimit);
    switchPlans(serving);
  }

  private void switchPlans(int generation) {
    var hold = planGenerations.exclusive();
    hold.serve(generation);
    hold.commit();
    hold.close();
  }

  private static ProjectedEvent projected(DomainEvent event, String aggregateId, long sequence) {
    return new ProjectedEvent(
        event, UUID.randomUUID().toString(), aggregateId, sequence, 1, AT, Map.of());
  }

  private static Response authenticate(String token) {
    return given().header("Authorization", "Bearer " + token).get("/internal/auth");
  }

  private static int limit(String token) {
    return Integer.parseInt(
        authenticate(token).then().statusCode(200).extract().header("RateLimit-Limit"));
  }
}
