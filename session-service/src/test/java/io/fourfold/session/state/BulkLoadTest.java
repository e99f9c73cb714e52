package io.fourfold.session.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.generation.RebuildableProjection.BulkLoad;
import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.account.AccountEmailChanged;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountPasswordChanged;
import io.fourfold.schema.account.AccountReactivated;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.billing.SubscriptionCancelled;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionStarted;
import io.fourfold.schema.personal.PersonalData;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bulk-loaded generation holds exactly what the live scripts write for the same events, one by
 * one (%test holds 7 accounts, so a load flushes several times), and loading again what a
 * generation already holds, in part or whole, changes nothing.
 */
@QuarkusTest
class BulkLoadTest {

  private static final Instant AT = Instant.parse("2026-11-29T06:00:00Z");
  private static final Duration WRITE = Duration.ofSeconds(30);
  private static final PersonalData SEALED =
      PersonalData.parse(
          "pd1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[40]));

  @Inject ReactiveRedisDataSource redis;
  @Inject SessionStateProjector stateProjector;
  @Inject SessionStateGenerations stateGenerations;
  @Inject PlanProjector planProjector;
  @Inject PlanGenerations planGenerations;

  // Generations no rebuild makes (rebuilds count up from the serving one), dropped after each test.
  private final int live = 100_000 + ThreadLocalRandom.current().nextInt(1_000_000);
  private final int bulk = live + 1;
  private long globalIndex = 1;

  @AfterEach
  void dropGenerations() {
    for (int generation : List.of(live, bulk)) {
      stateGenerations.drop(generation);
      planGenerations.drop(generation);
    }
  }

  @Test
  void aBulkLoadedStateGenerationHoldsWhatTheLiveProjectorWrites() {
    List<String> accounts = new ArrayList<>();
    Map<String, List<DomainEvent>> histories = new HashMap<>();
    for (int i = 0; i < 24; i++) {
      String id = UUID.randomUUID().toString();
      accounts.add(id);
      List<DomainEvent> history = new ArrayList<>();
      history.add(
          new AccountRegistered(id, SEALED, SEALED, SEALED, i % 5 == 0 ? "admin" : "user", AT));
      switch (i % 6) {
        case 0 -> history.add(new AccountSuspended(id, "fraud", AT)); // stays suspended
        case 1 -> {
          history.add(new AccountSuspended(id, "fraud", AT));
          history.add(new AccountErased(id, AT)); // erased while suspended
        }
        case 2 -> {
          history.add(new AccountPasswordChanged(id, SEALED, AT));
          history.add(new AccountErased(id, AT));
        }
        case 3 -> {
          history.add(new AccountSuspended(id, "review", AT));
          history.add(new AccountReactivated(id, "cleared", AT));
          history.add(new AccountEmailChanged(id, SEALED, AT)); // not session-state's
          history.add(new AccountPasswordChanged(id, SEALED, AT));
        }
        case 4 -> history.add(new AccountEmailChanged(id, SEALED, AT));
        default -> {} // registered only
      }
      histories.put(id, history);
    }
    List<ProjectedEvent> events = interleave(accounts, histories);

    for (ProjectedEvent event : events) {
      stateProjector.applyTo(event, String.valueOf(live)).await().atMost(WRITE);
    }
    int flushes = load(stateGenerations.bulkLoad(bulk).orElseThrow(), events);
    assertThat(flushes).as("flushes").isGreaterThan(2);

    Map<String, Map<String, String>> expected = hashes(accounts, live);
    assertThat(hashes(accounts, bulk)).isEqualTo(expected);
    assertThat(expected.values()).allSatisfy(hash -> assertThat(hash).containsKey("seq"));
    assertThat(expected.get(accounts.get(1))).containsEntry("status", "erased");
    assertThat(expected.get(accounts.get(2))).containsEntry("status", "erased");
    assertThat(expected.get(accounts.get(0)))
        .containsEntry("status", "suspended")
        .containsEntry("role", "admin");
    assertThat(expected.get(accounts.get(3))).containsEntry("status", "active");

    // A resumed rebuild reads again from an earlier checkpoint: the older half, then all of it.
    load(stateGenerations.bulkLoad(bulk).orElseThrow(), events.subList(0, events.size() / 2));
    assertThat(hashes(accounts, bulk)).as("after the older half again").isEqualTo(expected);
    load(
        stateGenerations.bulkLoad(bulk).orElseThrow(),
        events.subList(events.size() / 3, events.size()));
    assertThat(hashes(accounts, bulk)).as("after the newer part again").isEqualTo(expected);
  }

  @Test
  void aBulkLoadedPlansGenerationHoldsWhatTheLiveProjectorWrites() {
    List<String> accounts = new ArrayList<>();
    List<String> subscriptions = new ArrayList<>();
    Map<String, List<DomainEvent>> histories = new HashMap<>();
    for (int i = 0; i < 12; i++) {
      String account = UUID.randomUUID().toString();
      accounts.add(account);
      // Two subscriptions per account: the later one in the store's order decides the plan.
      for (int s = 0; s < 2; s++) {
        String id = UUID.randomUUID().toString();
        subscriptions.add(id);
        List<DomainEvent> history = new ArrayList<>();
        history.add(new SubscriptionStarted(id, account, "pro", 6000 + i, AT));
        if ((i + s) % 2 == 0) {
          history.add(new SubscriptionChanged(id, account, "pro", "team", 9000 + i, AT));
        }
        if ((i + s) % 3 == 0) {
          history.add(new SubscriptionCancelled(id, account, "team", AT));
        }
        histories.put(id, history);
      }
    }
    List<ProjectedEvent> events = interleave(subscriptions, histories);

    for (ProjectedEvent event : events) {
      planProjector.applyTo(event, String.valueOf(live)).await().atMost(WRITE);
    }
    assertThat(load(planGenerations.bulkLoad(bulk).orElseThrow(), events)).isGreaterThan(2);

    Map<String, Map<String, String>> expected = plans(accounts, subscriptions, live);
    assertThat(plans(accounts, subscriptions, bulk)).isEqualTo(expected);
    load(
        planGenerations.bulkLoad(bulk).orElseThrow(),
        events.subList(events.size() / 3, events.size()));
    assertThat(plans(accounts, subscriptions, bulk)).isEqualTo(expected);
  }

  /**
   * The aggregates' events in one total order, round robin, each with its sequence in its
   * aggregate.
   */
  private List<ProjectedEvent> interleave(
      List<String> aggregates, Map<String, List<DomainEvent>> histories) {
    List<ProjectedEvent> events = new ArrayList<>();
    for (int sequence = 0; ; sequence++) {
      boolean any = false;
      for (String aggregate : aggregates) {
        List<DomainEvent> history = histories.get(aggregate);
        if (sequence < history.size()) {
          any = true;
          events.add(
              new ProjectedEvent(
                  history.get(sequence),
                  UUID.randomUUID().toString(),
                  aggregate,
                  sequence,
                  globalIndex++,
                  AT,
                  Map.of()));
        }
      }
      if (!any) {
        return events;
      }
    }
  }

  /** Loads events in batches of 5 as the engine does; answers how many flushes it took. */
  private static int load(BulkLoad load, List<ProjectedEvent> events) {
    int flushes = 0;
    for (int from = 0; from < events.size(); from += 5) {
      if (load.add(events.subList(from, Math.min(events.size(), from + 5)))) {
        load.flush();
        flushes++;
      }
    }
    load.flush();
    load.finish();
    return flushes + 1;
  }

  private Map<String, Map<String, String>> hashes(List<String> accounts, int generation) {
    Map<String, Map<String, String>> hashes = new HashMap<>();
    for (String account : accounts) {
      hashes.put(account, hash(SessionStateProjector.key(generation, account)));
    }
    return hashes;
  }

  private Map<String, Map<String, String>> plans(
      List<String> accounts, List<String> subscriptions, int generation) {
    Map<String, Map<String, String>> plans = new HashMap<>();
    for (String account : accounts) {
      plans.put(account, hash(PlanProjector.planKey(generation, account)));
    }
    for (String subscription : subscriptions) {
      String key = PlanProjector.subscriptionKey(generation, subscription);
      plans.put(
          "subscription " + subscription,
          Map.of("seq", redis.value(String.class).get(key).await().atMost(WRITE)));
    }
    return plans;
  }

  private Map<String, String> hash(String key) {
    return redis.hash(String.class).hgetall(key).await().atMost(WRITE);
  }
}
