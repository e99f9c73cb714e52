package io.fourfold.account.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.fourfold.eventing.privacy.JdbcDataKeys;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountEvent;
import io.fourfold.schema.account.AccountProfileChanged;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountRole;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.personal.PersonalDataCipher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The account read model under at-least-once delivery: repeated and reordered events leave the row
 * of a single in-order pass, and an erased account stays erased.
 */
@QuarkusTest
class AccountReadModelProjectorTest {

  private static final Instant REGISTERED_AT = Instant.parse("2024-03-01T09:00:00Z");
  private static final Instant RENAMED_AT = Instant.parse("2024-03-02T10:00:00Z");
  private static final Instant SUSPENDED_AT = Instant.parse("2024-03-03T11:00:00Z");
  private static final Instant ERASED_AT = Instant.parse("2024-03-04T12:00:00Z");

  @Inject AccountReadModelProjector projector;
  @Inject PersonalDataCipher cipher;
  @Inject JdbcDataKeys keys;
  @Inject Vertx vertx;

  /** What a row says, apart from the account id and the ciphertexts behind it. */
  record Row(
      String email,
      String displayName,
      String passwordHash,
      String role,
      String status,
      String plan,
      long version,
      Instant createdAt,
      Instant updatedAt) {

    static Row of(AccountView view) {
      return view == null
          ? null
          : new Row(
              view.email,
              view.displayName,
              view.passwordHash,
              view.role,
              view.status,
              view.plan,
              view.version,
              view.createdAt,
              view.updatedAt);
    }
  }

  @Test
  void applyingTheWholeStreamTwiceLeavesTheRowOfASinglePass() {
    String id = UUID.randomUUID().toString();
    List<ProjectedEvent> stream = stream(id);

    applyInOrder(stream, 0, 1, 2);
    Row once = row(id);
    applyInOrder(stream, 0, 1, 2);

    assertThat(once)
        .isEqualTo(
            new Row(
                "ada@example.com",
                "Ada Lovelace",
                "$2a$10$hash",
                AccountRole.USER,
                "suspended",
                "free",
                2,
                REGISTERED_AT,
                SUSPENDED_AT));
    assertThat(row(id)).isEqualTo(once);
    assertThat(appliedSequence(id)).isEqualTo(2);
  }

  @Test
  void olderEventsRedeliveredAfterNewerOnesChangeNothing() {
    String inOrder = UUID.randomUUID().toString();
    String redelivered = UUID.randomUUID().toString();

    applyInOrder(stream(inOrder), 0, 1, 2);
    applyInOrder(stream(redelivered), 0, 1, 2, 1, 0);

    assertThat(row(redelivered)).isNotNull().isEqualTo(row(inOrder));
    assertThat(row(redelivered).displayName()).isEqualTo("Ada Lovelace");
    assertThat(row(redelivered).status()).isEqualTo("suspended");
    assertThat(row(redelivered).version()).isEqualTo(2);
  }

  @Test
  void anEventAppliedTwiceInARowIsAppliedOnce() {
    String id = UUID.randomUUID().toString();
    List<ProjectedEvent> stream = stream(id);

    applyInOrder(stream, 0, 0, 1, 1, 2, 2);

    assertThat(row(id).version()).isEqualTo(2);
    assertThat(row(id).displayName()).isEqualTo("Ada Lovelace");
    assertThat(row(id).status()).isEqualTo("suspended");
  }

  @Test
  void anErasedAccountStaysErasedWhenItsOlderEventsAreRedelivered() {
    String id = UUID.randomUUID().toString();
    List<ProjectedEvent> stream = stream(id);
    ProjectedEvent erasure = projected(new AccountErased(id, ERASED_AT), 3, ERASED_AT);

    applyInOrder(stream, 0, 1, 2);
    // The command side destroys the key in the transaction that records the erasure.
    keys.destroy(id);
    apply(erasure);
    applyInOrder(stream, 0, 1, 2);
    apply(erasure);

    assertThat(row(id)).isNull();
    assertThat(appliedSequence(id)).isEqualTo(3);
  }

  @Test
  void anAccountErasedBeforeItWasProjectedNeverAppears() {
    String id = UUID.randomUUID().toString();
    List<ProjectedEvent> stream = stream(id);
    ProjectedEvent erasure = projected(new AccountErased(id, ERASED_AT), 3, ERASED_AT);
    keys.destroy(id);

    apply(erasure);
    applyInOrder(stream, 0, 1, 2);

    assertThat(row(id)).isNull();
    assertThat(appliedSequence(id)).isEqualTo(3);
  }

  @Test
  void anAccountNeverSeenHasNoAppliedSequence() {
    assertThat(appliedSequence(UUID.randomUUID().toString())).isEqualTo(-1);
  }

  @Test
  void oneBatchHoldingSeveralAccountsRedeliveriesAndAnErasureConvergesAsEventByEvent() {
    String single = UUID.randomUUID().toString();
    String batched = UUID.randomUUID().toString();
    String erased = UUID.randomUUID().toString();
    applyInOrder(stream(single), 0, 1, 2);
    List<ProjectedEvent> mine = stream(batched);
    List<ProjectedEvent> theirs = stream(erased);
    ProjectedEvent erasure = projected(new AccountErased(erased, ERASED_AT), 3, ERASED_AT);

    applyAll(
        List.of(
            mine.get(0),
            theirs.get(0),
            mine.get(1),
            mine.get(0),
            theirs.get(1),
            erasure,
            mine.get(2),
            mine.get(1),
            theirs.get(2)));
    applyAll(mine);

    assertThat(row(batched)).isNotNull().isEqualTo(row(single));
    assertThat(appliedSequence(batched)).isEqualTo(2);
    assertThat(row(erased)).isNull();
    assertThat(appliedSequence(erased)).isEqualTo(3);
  }

  /** Registered (0), profile changed (1), suspended (2), sealed with the service's real keys. */
  private List<ProjectedEvent> stream(String id) {
    return List.of(
        projected(
            new AccountRegistered(
                id,
                cipher.seal(id, "ada@example.com"),
                cipher.seal(id, "Ada"),
                cipher.seal(id, "$2a$10$hash"),
                AccountRole.USER,
                REGISTERED_AT),
            0,
            REGISTERED_AT),
        projected(
            new AccountProfileChanged(id, cipher.seal(id, "Ada Lovelace"), RENAMED_AT),
            1,
            RENAMED_AT),
        projected(new AccountSuspended(id, "chargeback", SUSPENDED_AT), 2, SUSPENDED_AT));
  }

  private static ProjectedEvent projected(AccountEvent event, long sequence, Instant at) {
    return new ProjectedEvent(
        event, UUID.randomUUID().toString(), event.accountId(), sequence, 0, at, Map.of());
  }

  private void applyInOrder(List<ProjectedEvent> stream, int... sequences) {
    for (int sequence : sequences) {
      apply(stream.get(sequence));
    }
  }

  private void apply(ProjectedEvent event) {
    onVertx(() -> projector.apply(event));
  }

  private void applyAll(List<ProjectedEvent> events) {
    onVertx(() -> projector.applyAll(events));
  }

  private Row row(String id) {
    return onVertx(
        () -> Panache.withSession(() -> AccountView.<AccountView>findById(id)).map(Row::of));
  }

  private long appliedSequence(String id) {
    return onVertx(() -> projector.appliedSequence(id));
  }

  /**
   * Runs reactive work where the consumer runs it, on a safe duplicated Vert.x context (Hibernate
   * Reactive refuses any other thread), and blocks the test thread until it is done.
   */
  private <T> T onVertx(Supplier<Uni<? extends T>> work) {
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    return Uni.createFrom()
        .<T>deferred(work)
        .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()))
        .await()
        .atMost(Duration.ofSeconds(10));
  }
}
