package io.fourfold.bench;

import io.fourfold.schema.account.AccountProfileChanged;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountRole;
import io.fourfold.schema.account.ChangeProfile;
import io.fourfold.schema.personal.PersonalData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * The events and commands the benchmark writes: real account events of {@code event-schema}, with
 * personal data sealed to the size a real one has (the benchmark does not encrypt: the services do
 * that before the event store, outside what is measured here).
 */
final class BenchEvents {

  private BenchEvents() {}

  /** A sealed display name of a realistic length (12-byte IV, 16 characters, 16-byte tag). */
  static PersonalData sealed() {
    byte[] bytes = new byte[12 + 16 + 16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return PersonalData.parse(
        "pd1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  static DomainEventMessage<?> event(String aggregateId, long sequence) {
    Object payload =
        sequence == 0
            ? new AccountRegistered(
                aggregateId, sealed(), sealed(), sealed(), AccountRole.USER, Instant.now())
            : new AccountProfileChanged(aggregateId, sealed(), Instant.now());
    return new GenericDomainEventMessage<>(BenchAccount.TYPE, aggregateId, sequence, payload);
  }

  /** The whole history of one aggregate: registered, then profile changes. */
  static List<EventMessage<?>> history(String aggregateId, int events) {
    List<EventMessage<?>> history = new ArrayList<>(events);
    for (int sequence = 0; sequence < events; sequence++) {
      history.add(event(aggregateId, sequence));
    }
    return history;
  }

  static ChangeProfile changeProfile(String aggregateId) {
    return new ChangeProfile(aggregateId, sealed(), null, Instant.now());
  }
}
