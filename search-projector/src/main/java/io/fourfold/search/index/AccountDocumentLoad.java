package io.fourfold.search.index;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.fourfold.schema.personal.PersonalDataCipher;
import io.fourfold.search.document.AccountDocument;
import io.fourfold.search.document.AccountDocumentFold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The account search projection's bulk load into a new generation: batches are folded in memory
 * with the live projection's fold ({@link AccountDocumentFold}, through {@link
 * AccountDocumentWriter}), one document per account, and written when the loader holds {@code
 * heldAccounts} of them. An account not held is read from the generation once, in one {@code _mget}
 * per batch for all such accounts, and not at all while the generation cannot hold it (empty when
 * the load began, nothing flushed since). A flush overwrites each changed document with a plain
 * {@code index} in chunked {@code _bulk} requests, two in flight, with no refresh wait: nothing
 * reads or writes the generation before it serves, and the generation's periodic refresh is paused
 * until {@link #finish}. Every write carries the whole folded document and its applied sequences,
 * so a repeated flush (a resumed rebuild reading again from its checkpoint) folds the repeated
 * events away and writes the same documents. Erasure is the fold's: a tombstone is held, written
 * and read back like any document, and later events never revive it.
 */
public final class AccountDocumentLoad implements RebuildableProjection.BulkLoad {

  private static final Logger LOG = Logger.getLogger(AccountDocumentLoad.class);
  private static final Duration STORE_CALL = Duration.ofSeconds(120);

  /** Documents per bulk request: about 0.5 KiB of JSON each, so a few MB a request. */
  private static final int DOCUMENTS_PER_BULK = 5_000;

  private final AccountDocumentWriter writer;
  private final AccountIndex index;
  private final String location;
  private final int heldAccounts;
  private final AccountDocumentFold fold;

  /** Whether the generation may hold documents: not while it was empty and nothing is flushed. */
  private boolean mayHoldDocuments;

  /** Every account seen since the last flush, with its document as folded so far. */
  private final Map<String, AccountDocument> held = new HashMap<>();

  /** The held accounts whose document differs from what the generation holds. */
  private final Set<String> changed = new HashSet<>();

  private AccountDocumentLoad(
      AccountDocumentWriter writer, AccountIndex index, int generation, int heldAccounts) {
    this.writer = writer;
    this.index = index;
    this.location = index.generationName(generation);
    this.heldAccounts = heldAccounts;
    this.fold = writer.fold();
  }

  /** A loader into an existing generation, whose periodic refresh it pauses until finished. */
  public static AccountDocumentLoad into(
      AccountDocumentWriter writer, AccountIndex index, int generation, int heldAccounts) {
    AccountDocumentLoad load = new AccountDocumentLoad(writer, index, generation, heldAccounts);
    index.pauseRefreshes(load.location, true).await().atMost(STORE_CALL);
    // A resumed rebuild finds what it flushed before; a new generation has nothing to read back.
    load.mayHoldDocuments = !index.isEmpty(load.location).await().atMost(STORE_CALL);
    return load;
  }

  @Override
  public boolean add(List<ProjectedEvent> events) {
    Set<String> unheld = new LinkedHashSet<>();
    Set<String> keyed = new HashSet<>();
    List<String> accounts = new ArrayList<>(events.size());
    for (ProjectedEvent projected : events) {
      String account = AccountDocumentFold.accountOf(projected.event()).orElse(null);
      accounts.add(account);
      if (account == null) {
        continue;
      }
      if (!held.containsKey(account)) {
        unheld.add(account);
      }
      if (AccountDocumentFold.needsKey(projected.event())) {
        keyed.add(account);
      }
    }
    if (!unheld.isEmpty() && mayHoldDocuments) {
      held.putAll(writer.documents(location, unheld).await().atMost(STORE_CALL));
    }
    PersonalDataCipher cipher = writer.cipher(keyed).await().atMost(STORE_CALL);
    for (int i = 0; i < events.size(); i++) {
      String account = accounts.get(i);
      if (account == null) {
        continue;
      }
      AccountDocument before = held.get(account);
      AccountDocument after = fold.apply(before, events.get(i), cipher);
      if (after != before) {
        held.put(account, after);
        changed.add(account);
      }
    }
    return held.size() >= heldAccounts;
  }

  @Override
  public void flush() {
    if (changed.isEmpty()) {
      held.clear();
      return;
    }
    long began = System.nanoTime();
    List<AccountDocument> chunk = new ArrayList<>(DOCUMENTS_PER_BULK);
    CompletableFuture<Void> inFlight = null;
    int written = 0;
    for (String account : changed) {
      chunk.add(held.get(account));
      if (chunk.size() == DOCUMENTS_PER_BULK) {
        inFlight = send(chunk, inFlight);
        written += chunk.size();
        chunk = new ArrayList<>(DOCUMENTS_PER_BULK);
      }
    }
    if (!chunk.isEmpty()) {
      inFlight = send(chunk, inFlight);
      written += chunk.size();
    }
    await(inFlight);
    mayHoldDocuments = true;
    LOG.debugf(
        "%s: wrote %d account documents (%d held) in %.1f s",
        location, written, held.size(), (System.nanoTime() - began) / 1e9);
    held.clear();
    changed.clear();
  }

  /**
   * Sends a chunk once its body is serialised, then waits for the one before it: the next chunk is
   * serialised while this one is written, and no more than two are ever in flight.
   */
  private CompletableFuture<Void> send(
      List<AccountDocument> chunk, CompletableFuture<Void> previous) {
    CompletableFuture<Void> sent =
        writer.overwrite(location, chunk).subscribeAsCompletionStage().toCompletableFuture();
    if (previous != null) {
      await(previous);
    }
    return sent;
  }

  private void await(CompletableFuture<Void> write) {
    try {
      write.get(STORE_CALL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException failed) {
      throw failed.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException("writing " + location + " failed", failed.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("writing " + location + " took over " + STORE_CALL, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing " + location, e);
    }
  }

  /** The generation refreshes as configured again, and everything loaded is searchable. */
  @Override
  public void finish() {
    index.pauseRefreshes(location, false).await().atMost(STORE_CALL);
    index.refresh(location).await().atMost(STORE_CALL);
  }
}
