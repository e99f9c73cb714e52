package io.fourfold.search.projection;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.eventing.projection.ProjectionStore;
import io.fourfold.eventing.projection.generation.RebuildableProjection;
import io.fourfold.search.index.AccountDocumentLoad;
import io.fourfold.search.index.AccountDocumentWriter;
import io.fourfold.search.index.AccountIndex;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The account search projection's generations for eventing's rebuild engine: each generation is the
 * index {@code <alias>-g<N>}, filled through the live projection's bulk writer (the same fold), and
 * served by pointing the alias at it. A rebuild's bulk phase folds many batches in memory ({@link
 * AccountDocumentLoad}) and writes each document once per flush instead of once per batch.
 *
 * <p>Holding off live writes for the switch is done in the store, so it holds every instance: the
 * serving index is made read-only ({@code index.blocks.write}); live writers meet the block as a
 * retryable failure and, once the alias points at the new generation, write there. The alias moves
 * only at {@link Exclusive#commit}, in one {@code _aliases} call, so an abandoned hold changes
 * nothing but lifting the block.
 */
@ApplicationScoped
public class AccountSearchGenerations implements RebuildableProjection {

  private static final Duration STORE_CALL = Duration.ofSeconds(60);

  /**
   * What one document held by a bulk load costs the heap, rounded up: the record, its strings, its
   * sources' sorted maps and the loader's map entries (measured: about 720 bytes for an account fed
   * by its own events only; subscriptions, invoices and blobs add to it).
   */
  private static final long HELD_DOCUMENT_BYTES = 1_024;

  private final AccountIndex index;
  private final AccountDocumentWriter writer;
  private final int heldAccounts;

  public AccountSearchGenerations(
      AccountIndex index,
      AccountDocumentWriter writer,
      @ConfigProperty(name = "fourfold.rebuild.held-accounts") Optional<Integer> heldAccounts) {
    this.index = index;
    this.writer = writer;
    this.heldAccounts = BulkLoad.held(heldAccounts, HELD_DOCUMENT_BYTES);
  }

  @Override
  public String name() {
    return AccountSearchProjector.NAME;
  }

  @Override
  public ProjectionStore store() {
    return ProjectionStore.ELASTICSEARCH;
  }

  @Override
  public String location(int generation) {
    return index.generationName(generation);
  }

  @Override
  public boolean uses(String eventType) {
    return eventType.startsWith("account.")
        || eventType.startsWith("billing.")
        || eventType.startsWith("blob.");
  }

  @Override
  public int servingGeneration() {
    return index
        .ensureAlias()
        .flatMap(ready -> index.servingGeneration())
        .await()
        .atMost(STORE_CALL);
  }

  @Override
  public void create(int generation) {
    String name = index.generationName(generation);
    boolean exists = index.exists(name).await().atMost(STORE_CALL);
    if (!exists) {
      index.createGeneration(generation).await().atMost(STORE_CALL);
    }
  }

  @Override
  public void drop(int generation) {
    if (servingGeneration() == generation) {
      throw new IllegalStateException(location(generation) + " serves reads");
    }
    index.delete(index.generationName(generation)).await().atMost(STORE_CALL);
  }

  @Override
  public void applyAll(List<ProjectedEvent> events, int generation) {
    writer.applyAll(index.generationName(generation), events).await().atMost(STORE_CALL);
  }

  @Override
  public Optional<BulkLoad> bulkLoad(int generation) {
    return Optional.of(AccountDocumentLoad.into(writer, index, generation, heldAccounts));
  }

  @Override
  public Exclusive exclusive() {
    int serving = servingGeneration();
    index.blockWrites(index.generationName(serving), true).await().atMost(STORE_CALL);
    return new Hold(serving);
  }

  /** The serving index held read-only; the alias switch waits for the commit. */
  private final class Hold implements Exclusive {
    private final int held;
    private int serve;
    private boolean committed;

    private Hold(int held) {
      this.held = held;
      this.serve = held;
    }

    @Override
    public void applyAll(List<ProjectedEvent> events, int generation) {
      if (generation == held) {
        throw new IllegalStateException(
            location(held) + " is held read-only: fill another generation");
      }
      AccountSearchGenerations.this.applyAll(events, generation);
    }

    /**
     * Not possible for search: a document folds several aggregates (the account, its subscriptions,
     * invoices and blobs), so the events of one aggregate cannot rebuild it.
     */
    @Override
    public void forget(String aggregateId, int generation) {
      throw new UnsupportedOperationException(
          "an account search document combines several aggregates: rebuild the whole generation");
    }

    @Override
    public void serve(int generation) {
      serve = generation;
    }

    @Override
    public void commit() {
      if (serve != held) {
        index.serve(held, serve).await().atMost(STORE_CALL);
      }
      committed = true;
      close();
    }

    @Override
    public void close() {
      // The retired (or, without a commit, still serving) index takes writes again: a rollback
      // catches it up before serving it, and live writes follow the alias.
      index.blockWrites(location(held), false).await().atMost(STORE_CALL);
    }
  }
}
