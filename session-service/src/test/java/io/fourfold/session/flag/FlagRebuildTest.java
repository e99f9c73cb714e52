package io.fourfold.session.flag;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.projection.generation.RebuildProgress;
import io.fourfold.eventing.projection.generation.RebuildRequest;
import io.fourfold.eventing.projection.generation.Rebuilds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding the feature flags into a new Redis hash behind the pointer: reads never fail through
 * the switch, a change after the switch is served from the new hash, and a rollback serves the old
 * hash caught up.
 */
@QuarkusTest
class FlagRebuildTest {

  private static final Duration PROJECTED = Duration.ofSeconds(20);
  private static final Duration DONE_WITHIN = Duration.ofSeconds(90);

  private final String admin = UUID.randomUUID().toString();
  private final String ada = UUID.randomUUID().toString();

  @Inject Rebuilds rebuilds;
  @Inject FlagGenerations generations;

  @AfterEach
  void prune() throws Exception {
    rebuilds.prune(FlagProjector.NAME);
  }

  @Test
  void aRebuildServesTheNewHashAndARollbackServesTheOldOneCaughtUp() throws Exception {
    String key = "test-" + UUID.randomUUID().toString().substring(0, 13);
    put(key, "{\"enabled\":false,\"rolloutPercent\":0,\"allowAccounts\":[\"" + ada + "\"]}");
    await().atMost(PROJECTED).untilAsserted(() -> flagOf(ada).body(path(key), is(true)));
    int before = generations.servingGeneration();

    List<String> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              while (!stop.get()) {
                var read =
                    given()
                        .header(Caller.ACCOUNT_ID, ada)
                        .header(Caller.ROLE, "user")
                        .get("/api/v1/flags");
                if (read.statusCode() != 200 || !Boolean.TRUE.equals(read.path(path(key)))) {
                  failures.add(read.statusCode() + " " + read.asString());
                }
              }
            });
    reader.start();
    try {
      rebuilds.rebuild(FlagProjector.NAME, RebuildRequest.full());
      RebuildProgress done = rebuilds.await(FlagProjector.NAME, DONE_WITHIN);
      assertThat(done.phase()).as(done.message()).isEqualTo("done");
    } finally {
      stop.set(true);
      reader.join();
    }
    assertThat(failures).isEmpty();
    assertThat(generations.servingGeneration()).isEqualTo(before + 1);

    put(key, "{\"enabled\":false,\"rolloutPercent\":0,\"denyAccounts\":[\"" + ada + "\"]}");
    await().atMost(PROJECTED).untilAsserted(() -> flagOf(ada).body(path(key), is(false)));

    rebuilds.rollback(FlagProjector.NAME);
    RebuildProgress rolledBack = rebuilds.await(FlagProjector.NAME, DONE_WITHIN);
    assertThat(rolledBack.phase()).as(rolledBack.message()).isEqualTo("done");
    assertThat(generations.servingGeneration()).isEqualTo(before);
    flagOf(ada).body(path(key), is(false));
  }

  private void put(String key, String body) {
    given()
        .header(Caller.ACCOUNT_ID, admin)
        .header(Caller.ROLE, "admin")
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/v1/admin/flags/" + key)
        .then()
        .statusCode(200);
  }

  private static ValidatableResponse flagOf(String account) {
    return given()
        .header(Caller.ACCOUNT_ID, account)
        .header(Caller.ROLE, "user")
        .get("/api/v1/flags")
        .then()
        .statusCode(200);
  }

  private static String path(String key) {
    return "flags['" + key + "']";
  }
}
