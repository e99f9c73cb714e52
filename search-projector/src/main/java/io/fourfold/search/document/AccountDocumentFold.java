package io.fourfold.search.document;

import io.fourfold.eventing.projection.PoisonEventException;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.account.AccountEmailChanged;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountEvent;
import io.fourfold.schema.account.AccountProfileChanged;
import io.fourfold.schema.account.AccountReactivated;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.billing.InvoiceEvent;
import io.fourfold.schema.billing.InvoiceIssued;
import io.fourfold.schema.billing.InvoicePaymentReceived;
import io.fourfold.schema.billing.SubscriptionCancelled;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionEvent;
import io.fourfold.schema.billing.SubscriptionStarted;
import io.fourfold.schema.blob.BlobDeleted;
import io.fourfold.schema.blob.BlobEvent;
import io.fourfold.schema.blob.BlobUploaded;
import io.fourfold.schema.personal.PersonalData;
import io.fourfold.schema.personal.PersonalDataCipher;
import io.fourfold.schema.personal.TamperedPersonalDataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The account search document as a pure fold over events: {@code (document, event) -> document},
 * with no I/O, so the live projection and a rebuild share it. Each event applies once: an event
 * whose aggregate sequence is not newer than the one the document holds for that aggregate returns
 * the document unchanged, so duplicates and late redeliveries converge on the same document.
 *
 * <p>Erasure: once an account's key is gone (erased), any event that would need its personal data,
 * and the {@code account.erased} event itself, turn the document into a tombstone, which later
 * events never bring back.
 */
public final class AccountDocumentFold {

  private final String defaultPlan;

  public AccountDocumentFold(String defaultPlan) {
    this.defaultPlan = defaultPlan;
  }

  /** The account whose document the event feeds, or empty when search does not use the event. */
  public static Optional<String> accountOf(DomainEvent event) {
    if (event instanceof AccountEvent account) {
      return Optional.of(account.accountId());
    }
    if (event instanceof SubscriptionEvent subscription) {
      return Optional.of(subscription.accountId());
    }
    if (event instanceof InvoiceEvent invoice) {
      return Optional.of(invoice.accountId());
    }
    if (event instanceof BlobEvent blob) {
      return Optional.of(blob.accountId());
    }
    return Optional.empty();
  }

  /** Whether applying the event opens personal data, so its account's key must be read first. */
  public static boolean needsKey(DomainEvent event) {
    return event instanceof AccountRegistered
        || event instanceof AccountProfileChanged
        || event instanceof AccountEmailChanged;
  }

  /**
   * The document after the event.
   *
   * @param current the account's document, or null when it has none
   * @param cipher opens personal data with keys read for this batch; a missing key means erased
   * @return the new document, or {@code current} itself when the event changes nothing (a repeat,
   *     or an event search does not use)
   * @throws PoisonEventException when sealed personal data does not authenticate
   */
  public AccountDocument apply(
      AccountDocument current, ProjectedEvent projected, PersonalDataCipher cipher) {
    Optional<String> account = accountOf(projected.event());
    if (account.isEmpty()) {
      return current;
    }
    AccountDocument document =
        current != null ? current : AccountDocument.pending(account.get(), defaultPlan);
    if (document.sources().appliedSequence(projected.aggregateId()) >= projected.sequence()) {
      return current;
    }
    AccountDocument folded = document.erased() ? document : fold(document, projected, cipher);
    return folded.applied(projected.aggregateId(), projected.sequence());
  }

  private AccountDocument fold(
      AccountDocument document, ProjectedEvent projected, PersonalDataCipher cipher) {
    DomainEvent event = projected.event();
    if (event instanceof AccountEvent accountEvent) {
      return account(document, accountEvent, cipher);
    }
    if (event instanceof SubscriptionEvent subscription) {
      return plan(document, subscription, projected);
    }
    if (event instanceof InvoiceEvent invoice) {
      return invoice(document, invoice);
    }
    if (event instanceof BlobEvent blob) {
      return blob(document, blob);
    }
    return document;
  }

  private static AccountDocument account(
      AccountDocument document, AccountEvent event, PersonalDataCipher cipher) {
    String id = document.accountId();
    if (event instanceof AccountRegistered registered) {
      Optional<String> email = open(cipher, id, registered.email());
      Optional<String> name = open(cipher, id, registered.displayName());
      return email.isPresent() && name.isPresent()
          ? document.register(email.get(), name.get(), registered.registeredAt().toString())
          : document.erase();
    }
    if (event instanceof AccountProfileChanged changed) {
      return open(cipher, id, changed.displayName())
          .map(name -> document.withProfile(document.email(), name))
          .orElseGet(document::erase);
    }
    if (event instanceof AccountEmailChanged changed) {
      return open(cipher, id, changed.email())
          .map(email -> document.withProfile(email, document.displayName()))
          .orElseGet(document::erase);
    }
    if (event instanceof AccountSuspended) {
      return document.withStatus(AccountDocument.SUSPENDED);
    }
    if (event instanceof AccountReactivated) {
      return document.withStatus(AccountDocument.ACTIVE);
    }
    if (event instanceof AccountErased) {
      return document.erase();
    }
    return document;
  }

  private AccountDocument plan(
      AccountDocument document, SubscriptionEvent event, ProjectedEvent projected) {
    Sources.PlanSource held = document.sources().plan();
    if (held != null
        && !held.subscriptionId().equals(event.subscriptionId())
        && held.globalIndex() > projected.globalIndex()) {
      // A later subscription of this account already set the plan.
      return document;
    }
    String plan = defaultPlan;
    if (event instanceof SubscriptionStarted started) {
      plan = started.planId();
    } else if (event instanceof SubscriptionChanged changed) {
      plan = changed.planId();
    } else if (!(event instanceof SubscriptionCancelled)) {
      return document;
    }
    return document.withPlan(
        plan,
        new Sources.PlanSource(
            event.subscriptionId(), projected.sequence(), projected.globalIndex()));
  }

  private static AccountDocument invoice(AccountDocument document, InvoiceEvent event) {
    Map<String, Sources.Invoice> invoices = new TreeMap<>(document.sources().invoices());
    Sources.Invoice held = invoices.get(event.invoiceId());
    if (event instanceof InvoiceIssued issued) {
      long paid = held == null ? 0 : held.paidMinor();
      invoices.put(
          issued.invoiceId(), new Sources.Invoice(issued.totalMinor(), paid, issued.currency()));
    } else if (event instanceof InvoicePaymentReceived payment) {
      long total = held == null ? 0 : held.totalMinor();
      long paid = (held == null ? 0 : held.paidMinor()) + payment.amountMinor();
      invoices.put(payment.invoiceId(), new Sources.Invoice(total, paid, payment.currency()));
    } else {
      // billing.invoice-paid only confirms what the payments already say.
      return document;
    }
    Sources sources = document.sources();
    return document.withSources(
        new Sources(sources.applied(), invoices, sources.blobs(), sources.plan()), document.plan());
  }

  private static AccountDocument blob(AccountDocument document, BlobEvent event) {
    List<String> blobs = new ArrayList<>(document.sources().blobs());
    if (event instanceof BlobUploaded uploaded) {
      blobs.add(uploaded.blobId());
    } else if (event instanceof BlobDeleted deleted) {
      blobs.remove(deleted.blobId());
    }
    Sources sources = document.sources();
    return document.withSources(
        new Sources(sources.applied(), sources.invoices(), blobs, sources.plan()), document.plan());
  }

  private static Optional<String> open(PersonalDataCipher cipher, String id, PersonalData sealed) {
    try {
      return cipher.open(id, sealed);
    } catch (TamperedPersonalDataException e) {
      throw new PoisonEventException(e.getMessage(), e);
    }
  }
}
