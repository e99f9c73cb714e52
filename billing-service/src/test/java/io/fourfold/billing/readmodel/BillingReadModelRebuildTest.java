package io.fourfold.billing.readmodel;

import static io.fourfold.billing.support.Api.as;
import static io.fourfold.billing.support.Billing.subscribe;
import static io.fourfold.billing.support.Billing.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fourfold.billing.support.TestAccounts;
import io.fourfold.eventing.projection.generation.RebuildProgress;
import io.fourfold.eventing.projection.generation.RebuildRequest;
import io.fourfold.eventing.projection.generation.Rebuilds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding the billing read model into a new schema while it serves: subscriptions read through
 * the switch never fail, changes made after the switch land in the new generation, and a rollback
 * serves the old one caught up.
 */
@QuarkusTest
class BillingReadModelRebuildTest {

  private static final String NAME = BillingReadModelProjector.NAME;
  private static final Duration DONE_WITHIN = Duration.ofSeconds(90);

  @Inject TestAccounts accounts;
  @Inject Rebuilds rebuilds;
  @Inject BillingReadModelGenerations generations;

  @AfterEach
  void prune() throws Exception {
    rebuilds.prune(NAME);
  }

  @Test
  void aRebuildKeepsAnsweringReadsAndARollbackServesTheOldGenerationCaughtUp() throws Exception {
    String id = accounts.register();
    subscribe(id, "pro");
    awaitPlan(id, "pro");
    int before = generations.servingGeneration();

    List<String> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              while (!stop.get()) {
                var read = as(id).get(subscription(id));
                if (read.statusCode() != 200) {
                  failures.add(read.statusCode() + " " + read.asString());
                }
              }
            });
    reader.start();
    try {
      rebuilds.rebuild(NAME, RebuildRequest.full());
      RebuildProgress done = rebuilds.await(NAME, DONE_WITHIN);
      assertThat(done.phase()).as(done.message()).isEqualTo("done");
    } finally {
      stop.set(true);
      reader.join();
    }
    assertThat(failures).isEmpty();
    assertThat(generations.servingGeneration()).isEqualTo(before + 1);
    awaitPlan(id, "pro");

    subscribe(id, "team");
    awaitPlan(id, "team");

    rebuilds.rollback(NAME);
    RebuildProgress rolledBack = rebuilds.await(NAME, DONE_WITHIN);
    assertThat(rolledBack.phase()).as(rolledBack.message()).isEqualTo("done");
    assertThat(generations.servingGeneration()).isEqualTo(before);
    awaitPlan(id, "team");
  }

  private static void awaitPlan(String id, String plan) {
    await()
        .atMost(TestAccounts.PROJECTION_DEADLINE)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              var read = as(id).get(subscription(id));
              return read.statusCode() == 200 && plan.equals(read.path("planId"));
            });
  }
}
