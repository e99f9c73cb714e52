package io.fourfold.billing.support;

import static org.awaitility.Awaitility.await;

import io.fourfold.billing.readmodel.BillingQueries;
import io.fourfold.eventing.store.AxonEventStore;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountRole;
import io.fourfold.schema.personal.InMemoryDataKeys;
import io.fourfold.schema.personal.PersonalDataCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * Accounts as account-service makes them: their events appended to the real event store, relayed to
 * Kafka and projected into billing's read model, which the helpers wait for.
 */
@ApplicationScoped
public class TestAccounts {

  /** How long a projection may take to show an event in these tests. */
  public static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(60);

  private static final PersonalDataCipher CIPHER = new PersonalDataCipher(new InMemoryDataKeys());

  private final AxonEventStore eventStore;
  private final BillingQueries queries;

  public TestAccounts(AxonEventStore eventStore, BillingQueries queries) {
    this.eventStore = eventStore;
    this.queries = queries;
  }

  /** A new account, once billing knows it. */
  public String register() {
    String id = registerWithoutWaiting();
    awaitBillable(id, true);
    return id;
  }

  /** A new account, as soon as its registration is in the event store. */
  public String registerWithoutWaiting() {
    String id = UUID.randomUUID().toString();
    append(
        id,
        0,
        new AccountRegistered(
            id,
            CIPHER.seal(id, id + "@example.org"),
            CIPHER.seal(id, "Test account"),
            CIPHER.seal(id, "$2a$10$notarealhash"),
            AccountRole.USER,
            Instant.now()));
    return id;
  }

  /** Erases a registered account, and waits until billing knows. */
  public void erase(String id) {
    append(id, 1, new AccountErased(id, Instant.now()));
    awaitBillable(id, false);
  }

  private void append(String id, long sequence, Object event) {
    eventStore.events().publish(new GenericDomainEventMessage<>("Account", id, sequence, event));
  }

  private void awaitBillable(String id, boolean billable) {
    await()
        .atMost(PROJECTION_DEADLINE)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> queries.accountMayBeBilled(id).await().atMost(Duration.ofSeconds(5)) == billable);
  }
}
