package io.fourfold.search.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fourfold.eventing.projection.PoisonEventException;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountRole;
import io.fourfold.schema.personal.InMemoryDataKeys;
import io.fourfold.schema.personal.PersonalDataCipher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The search document as a fold: counts, plan, idempotency under any redelivery, erasure. */
class AccountDocumentFoldTest {

  private final InMemoryDataKeys keys = new InMemoryDataKeys();
  private final PersonalDataCipher cipher = new PersonalDataCipher(keys);
  private final AccountDocumentFold fold = new AccountDocumentFold("free");

  @Test
  void profileStatusPlanInvoicesAndBlobsAddUp() {
    AccountDocument document = foldAll(fullHistory(new AccountEvents(cipher)).all());

    assertThat(document.state()).isEqualTo(AccountDocument.LIVE);
    assertThat(document.email()).isEqualTo("zoe@example.com");
    assertThat(document.displayName()).isEqualTo("Zoë Müller");
    assertThat(document.status()).isEqualTo("suspended");
    assertThat(document.plan()).isEqualTo("team");
    assertThat(document.invoiceCount()).isEqualTo(2);
    // 2900 + 9900 issued, 2900 + 1000 paid.
    assertThat(document.balanceMinor()).isEqualTo(8900);
    assertThat(document.blobCount()).isEqualTo(1);
    assertThat(document.feeds()).hasSize(6);
  }

  @Test
  void everyEventDeliveredTwiceOrLateGivesTheDocumentOfOneInOrderPass() {
    AccountEvents events = fullHistory(new AccountEvents(cipher));
    AccountDocument once = foldAll(events.all());

    List<ProjectedEvent> twice = new ArrayList<>();
    for (ProjectedEvent event : events.all()) {
      twice.add(event);
      twice.add(event);
    }
    assertThat(foldAll(twice)).isEqualTo(once);

    // Redelivered after everything else, in reverse and in a shuffled order.
    List<ProjectedEvent> late = new ArrayList<>(events.all());
    List<ProjectedEvent> reversed = new ArrayList<>(events.all());
    Collections.reverse(reversed);
    late.addAll(reversed);
    List<ProjectedEvent> shuffled = new ArrayList<>(events.all());
    Collections.shuffle(shuffled, new Random(7));
    late.addAll(shuffled);
    assertThat(foldAll(late)).isEqualTo(once);
  }

  @Test
  void aRepeatedEventReturnsTheSameDocumentSoNothingIsWritten() {
    AccountEvents events = new AccountEvents(cipher);
    ProjectedEvent registered = events.registered("a@example.com", "A", AccountEvents.AT);
    AccountDocument document = fold.apply(null, registered, cipher);

    assertThat(fold.apply(document, registered, cipher)).isSameAs(document);
  }

  @Test
  void billingAndBlobEventsBeforeTheRegistrationKeepADocumentNobodyCanFind() {
    AccountEvents events = new AccountEvents(cipher);
    ProjectedEvent subscribed = events.subscribed("s-1", "pro");
    ProjectedEvent uploaded = events.uploaded("b-1");
    ProjectedEvent registered = events.registered("late@example.com", "Late", AccountEvents.AT);

    AccountDocument pending = foldAll(List.of(subscribed, uploaded));
    assertThat(pending.state()).isEqualTo(AccountDocument.PENDING);
    assertThat(pending.email()).isNull();

    AccountDocument live = fold.apply(pending, registered, cipher);
    assertThat(live.state()).isEqualTo(AccountDocument.LIVE);
    assertThat(live.plan()).isEqualTo("pro");
    assertThat(live.blobCount()).isEqualTo(1);
    assertThat(foldAll(List.of(registered, uploaded, subscribed))).isEqualTo(live);
  }

  @Test
  void erasureLeavesATombstoneThatLaterAndReplayedEventsNeverRevive() {
    AccountEvents events = fullHistory(new AccountEvents(cipher));
    events.erased();
    String invoice = "inv-after";
    events.invoiced(invoice, 500);
    events.uploaded("blob-after");
    AccountDocument erased = foldAll(events.all());

    assertTombstone(erased);

    // The key is destroyed with the erasure: replaying the whole history, in any order, into an
    // empty index yields the same tombstone and no personal data.
    keys.destroy(events.accountId());
    assertThat(foldAll(events.all())).isEqualTo(erased);
    List<ProjectedEvent> replayed = new ArrayList<>(events.all());
    Collections.shuffle(replayed, new Random(3));
    assertTombstone(foldAll(replayed));
  }

  @Test
  void aRegistrationWhoseKeyIsGoneIsTreatedAsErasedAndNeverShowsRedactedText() {
    AccountEvents events = new AccountEvents(cipher);
    ProjectedEvent registered = events.registered("gone@example.com", "Gone", AccountEvents.AT);
    ProjectedEvent renamed = events.renamed("Still Gone");
    keys.destroy(events.accountId());

    AccountDocument document = foldAll(List.of(registered, renamed));

    assertTombstone(document);
    assertThat(document.toString()).doesNotContain(PersonalDataCipher.REDACTED);
  }

  @Test
  void personalDataSealedForAnotherAccountIsAPoisonEvent() {
    AccountEvents victim = new AccountEvents(cipher);
    victim.registered("v@example.com", "Victim", AccountEvents.AT);
    AccountEvents thief = new AccountEvents(cipher);
    thief.registered("t@example.com", "Thief", AccountEvents.AT);
    AccountRegistered stolen =
        new AccountRegistered(
            thief.accountId(),
            cipher.seal(victim.accountId(), "v@example.com"),
            cipher.seal(victim.accountId(), "Victim"),
            cipher.seal(victim.accountId(), "x"),
            AccountRole.USER,
            AccountEvents.AT);
    ProjectedEvent projected =
        new ProjectedEvent(
            stolen, "e", thief.accountId(), 0, 1, AccountEvents.AT, java.util.Map.of());

    assertThatThrownBy(() -> fold.apply(null, projected, cipher))
        .isInstanceOf(PoisonEventException.class);
  }

  @Test
  void aLaterSubscriptionWinsOverLateEventsOfAnEarlierOne() {
    AccountEvents events = new AccountEvents(cipher);
    ProjectedEvent registered = events.registered("p@example.com", "P", AccountEvents.AT);
    ProjectedEvent first = events.subscribed("s-old", "pro");
    ProjectedEvent second = events.subscribed("s-new", "team");
    ProjectedEvent oldChange = events.planChanged("s-old", "pro", "enterprise");

    // s-old's change was recorded before s-new started (an earlier global index) but arrives after
    // it, from another partition.
    ProjectedEvent lateOld =
        new ProjectedEvent(
            oldChange.event(),
            oldChange.eventId(),
            oldChange.aggregateId(),
            oldChange.sequence(),
            second.globalIndex() - 1,
            oldChange.occurredAt(),
            oldChange.metadata());

    assertThat(foldAll(List.of(registered, first, second, lateOld)).plan()).isEqualTo("team");
  }

  private static AccountEvents fullHistory(AccountEvents events) {
    events.registered("zoe@example.com", "Zoe Mueller", AccountEvents.AT);
    events.renamed("Zoë Müller");
    events.subscribed("sub-" + events.accountId(), "pro");
    events.planChanged("sub-" + events.accountId(), "pro", "team");
    events.invoiced("inv-1-" + events.accountId(), 2900);
    events.paid("inv-1-" + events.accountId(), 2900);
    events.settled("inv-1-" + events.accountId());
    events.invoiced("inv-2-" + events.accountId(), 9900);
    events.paid("inv-2-" + events.accountId(), 1000);
    events.uploaded("blob-1-" + events.accountId());
    events.uploaded("blob-2-" + events.accountId());
    events.deleted("blob-1-" + events.accountId());
    events.suspended();
    return events;
  }

  private AccountDocument foldAll(List<ProjectedEvent> events) {
    AccountDocument document = null;
    for (ProjectedEvent event : events) {
      document = fold.apply(document, event, cipher);
    }
    return document;
  }

  private static void assertTombstone(AccountDocument document) {
    assertThat(document.state()).isEqualTo(AccountDocument.ERASED);
    assertThat(document.email()).isNull();
    assertThat(document.displayName()).isNull();
    assertThat(document.invoiceCount()).isZero();
    assertThat(document.blobCount()).isZero();
    assertThat(document.balanceMinor()).isZero();
    assertThat(document.sources().invoices()).isEmpty();
    assertThat(document.sources().blobs()).isEmpty();
  }
}
