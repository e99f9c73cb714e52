package io.fourfold.blob.exports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.fourfold.blob.exports.projection.ExportsGenerations;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountRole;
import io.fourfold.schema.billing.SubscriptionStarted;
import io.fourfold.schema.export.ExportRequested;
import io.fourfold.schema.personal.PersonalDataCipher;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A rebuild of the exports projection into a new generation, as eventing's rebuild engine drives
 * it: the new schema is filled with the live projector's rules while the old one serves, the views
 * switch in one transaction, and the rebuild leaves no job behind, so it builds no export.
 */
@QuarkusTest
class ExportsGenerationsTest {

  private static final Instant AT = Instant.parse("2026-02-01T09:00:00Z");

  @Inject ExportsGenerations generations;
  @Inject PersonalDataCipher cipher;
  @Inject Pool pool;

  @Test
  void aNewGenerationIsFilledWithoutJobsThenServedAndTheOldOneDropped() {
    String account = UUID.randomUUID().toString();
    String subscription = UUID.randomUUID().toString();
    String exportId = UUID.randomUUID().toString();
    List<ProjectedEvent> history =
        List.of(
            event(
                account,
                0,
                new AccountRegistered(
                    account,
                    cipher.seal(account, "rebuilt@example.org"),
                    cipher.seal(account, "Rebuilt"),
                    cipher.seal(account, "$2a$10$notarealhash"),
                    AccountRole.USER,
                    AT)),
            event(subscription, 0, new SubscriptionStarted(subscription, account, "pro", 6000, AT)),
            event(exportId, 0, new ExportRequested(exportId, account, AT)));

    int serving = generations.servingGeneration();
    int target = serving + 1;
    generations.create(target);
    generations.create(target);
    generations.applyAll(history, target);
    generations.applyAll(history, target);

    assertThat(count("exports_g" + target + ".export_account", "account_id", account)).isOne();
    assertThat(count("exports_g" + target + ".export_subscription_change", "account_id", account))
        .isOne();
    assertThat(count("export_account", "account_id", account))
        .as("the old generation still serves")
        .isZero();
    assertThat(count("export_job", "export_id", exportId)).as("a rebuild leaves no job").isZero();

    try (RebuildableProjection.Exclusive hold = generations.exclusive()) {
      hold.serve(target);
      hold.commit();
    }

    assertThat(generations.servingGeneration()).isEqualTo(target);
    assertThat(count("export_account", "account_id", account)).isOne();
    assertThatThrownBy(() -> generations.drop(target)).isInstanceOf(IllegalStateException.class);
    generations.drop(serving);
    given()
        .get("/internal/generations")
        .then()
        .statusCode(200)
        .body("find { it.name == 'exports' }.store", equalTo("s3"));
  }

  private long count(String table, String column, String value) {
    return pool.preparedQuery("SELECT count(*) FROM " + table + " WHERE " + column + " = $1")
        .execute(Tuple.of(value))
        .await()
        .indefinitely()
        .iterator()
        .next()
        .getLong(0);
  }

  private static ProjectedEvent event(String aggregateId, long sequence, Object event) {
    return new ProjectedEvent(
        (io.fourfold.schema.DomainEvent) event,
        UUID.randomUUID().toString(),
        aggregateId,
        sequence,
        0,
        AT,
        Map.of());
  }
}
