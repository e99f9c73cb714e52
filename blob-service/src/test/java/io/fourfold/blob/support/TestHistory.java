package io.fourfold.blob.support;

import io.fourfold.eventing.privacy.JdbcDataKeys;
import io.fourfold.eventing.store.AxonEventStore;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountRole;
import io.fourfold.schema.personal.PersonalDataCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

/**
 * Other services' histories, appended to the real event store as their aggregates would have
 * (personal data sealed with real keys), and relayed to Kafka like any other event.
 */
@ApplicationScoped
public class TestHistory {

  private final AxonEventStore eventStore;
  private final PersonalDataCipher cipher;
  private final JdbcDataKeys keys;

  public TestHistory(AxonEventStore eventStore, PersonalDataCipher cipher, JdbcDataKeys keys) {
    this.eventStore = eventStore;
    this.cipher = cipher;
    this.keys = keys;
  }

  /** A new account registered with this email and name. */
  public String register(String email, String displayName) {
    String id = UUID.randomUUID().toString();
    append(
        "Account",
        id,
        0,
        new AccountRegistered(
            id,
            cipher.seal(id, email),
            cipher.seal(id, displayName),
            cipher.seal(id, "$2a$10$notarealhash"),
            AccountRole.USER,
            Instant.now()));
    return id;
  }

  /** Erases the account as account-service does: its key, then its event. */
  public void erase(String accountId, long sequence) {
    keys.destroy(accountId);
    append("Account", accountId, sequence, new AccountErased(accountId, Instant.now()));
  }

  /** Appends events as one aggregate's stream, from {@code first}. */
  public void append(String type, String aggregateId, long first, Object... events) {
    for (int i = 0; i < events.length; i++) {
      eventStore
          .events()
          .publish(new GenericDomainEventMessage<>(type, aggregateId, first + i, events[i]));
    }
  }

  /** The payloads of an aggregate's events. */
  public List<Object> events(String aggregateId) {
    List<Object> payloads = new ArrayList<>();
    DomainEventStream stream = eventStore.events().readEvents(aggregateId);
    while (stream.hasNext()) {
      payloads.add(stream.next().getPayload());
    }
    return payloads;
  }
}
