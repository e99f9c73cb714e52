package io.fourfold.session.state;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.billing.SubscriptionCancelled;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionEvent;
import io.fourfold.schema.billing.SubscriptionStarted;
import io.fourfold.session.config.RateLimitConfig;
import io.fourfold.session.signin.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Billing's subscription events set the rate limit /internal/auth applies: through Kafka and the
 * plan projection into Redis, within a second of the event.
 */
@QuarkusTest
class PlanLimitTest {

  private static final Instant AT = Instant.parse("2026-11-29T01:00:00Z");
  private static final Duration CONSUMER_STARTED = Duration.ofSeconds(30);
  private static final Duration WITHIN = Duration.ofSeconds(1);

  @Inject Sessions sessions;
  @Inject PlanProjector projector;
  @Inject RateLimitConfig limits;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  private SubscriptionEvents events;
  private final String account = UUID.randomUUID().toString();
  private final String subscription = UUID.randomUUID().toString();
  private String token;

  @BeforeEach
  void signIn() {
    events = new SubscriptionEvents(bootstrapServers);
    token = sessions.open(account, "user").await().atMost(Duration.ofSeconds(5)).token();
  }

  @AfterEach
  void close() {
    events.close();
  }

  @Test
  void aPlanChangeSetsTheLimitWithinOneSecondAndACancellationFallsBackToTheDefaultPlan()
      throws Exception {
    long base = System.currentTimeMillis() * 10;
    assertThat(limit()).isEqualTo(limits.plans().get(limits.defaultPlan()));
    events.publish(new SubscriptionStarted(subscription, account, "pro", 900, AT), 0, base);
    // The first event may wait for the consumer group to start.
    await().atMost(CONSUMER_STARTED).until(() -> limit() == 900);

    events.publish(
        new SubscriptionChanged(subscription, account, "pro", "business", 4_000, AT), 1, base + 1);
    await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> limit() == 4_000);

    events.publish(new SubscriptionCancelled(subscription, account, "business", AT), 2, base + 2);
    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> limit() == limits.plans().get(limits.defaultPlan()));
  }

  @Test
  void redeliveredAndOlderSubscriptionEventsChangeNothing() {
    String later = UUID.randomUUID().toString();

    apply(new SubscriptionStarted(subscription, account, "pro", 900, AT), 0, 10);
    apply(new SubscriptionChanged(subscription, account, "pro", "business", 4_000, AT), 1, 11);
    apply(new SubscriptionStarted(subscription, account, "pro", 900, AT), 0, 10);
    assertThat(limit()).isEqualTo(4_000);

    // A newer subscription of the account (later in the event store) replaces the old one's plan,
    // and the old one's events, arriving late from another partition, do not bring it back.
    apply(new SubscriptionStarted(later, account, "team", 2_500, AT), 0, 20);
    apply(new SubscriptionCancelled(subscription, account, "business", AT), 2, 12);
    assertThat(limit()).isEqualTo(2_500);
    assertThat(projector.appliedSequence(subscription).await().atMost(WITHIN)).isEqualTo(2);
    assertThat(projector.appliedSequence(later).await().atMost(WITHIN)).isZero();
  }

  private void apply(SubscriptionEvent event, long sequence, long globalIndex) {
    projector
        .apply(
            new ProjectedEvent(
                event,
                UUID.randomUUID().toString(),
                event.subscriptionId(),
                sequence,
                globalIndex,
                AT,
                Map.of()))
        .await()
        .atMost(Duration.ofSeconds(5));
  }

  /** The limit /internal/auth answers for the account's session. */
  private int limit() {
    String header =
        given()
            .header("Authorization", "Bearer " + token)
            .get("/internal/auth")
            .then()
            .statusCode(200)
            .extract()
            .header("RateLimit-Limit");
    return Integer.parseInt(header);
  }
}
