package io.fourfold.eventing.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Commits the work of several concurrent commands in one transaction: one commit (one WAL flush)
 * for many commands, which is what makes a busy command service fast. A command's work (its Axon
 * command and the rows written beside it: email claim, idempotency key, data key) is queued to a
 * partition chosen by aggregate id; the partition's worker takes what has queued (up to {@code
 * max-batch}), runs each piece of work in turn in one JTA transaction and commits once. Every
 * caller is answered after that commit, never before its events are durable. One aggregate's
 * commands land on one worker, so they commit in the order they were sent.
 *
 * <p>Each partition queues at most {@code queue-capacity} commands; past that a command is refused
 * at once ({@link CommandsOverloadedException}, a 503) rather than queued behind work its clients
 * would give up on.
 *
 * <p>A lone command waits for nobody: a worker commits whatever it found queued, so batches only
 * form while commits are in flight, and latency at low load is that of a plain transaction.
 *
 * <p>When a piece of work fails, or the batch cannot commit, the whole batch rolls back (the Axon
 * transaction manager evicts the cached aggregates it touched) and each piece of work runs again in
 * a transaction of its own: only work that fails on its own fails, with its own exception, and a
 * deadlock between two batches (which PostgreSQL breaks by aborting one) costs a retry, not an
 * error. The work is therefore run twice in that case and must have no effect outside the
 * transaction.
 */
@ApplicationScoped
@IfBuildProperty(name = "fourfold.event-store.enabled", stringValue = "true")
public class GroupCommit {

  private static final Logger LOG = Logger.getLogger(GroupCommit.class);

  private final jakarta.transaction.TransactionManager jta;
  private final EventStoreConfig.GroupCommit config;
  private final List<Partition> partitions = new ArrayList<>();
  private final Counter transactions;
  private final Counter commands;

  @Inject
  public GroupCommit(
      jakarta.transaction.TransactionManager jta, EventStoreConfig config, MeterRegistry meters) {
    this(jta, config.groupCommit(), meters);
  }

  GroupCommit(
      jakarta.transaction.TransactionManager jta,
      EventStoreConfig.GroupCommit config,
      MeterRegistry meters) {
    this.jta = jta;
    this.config = config;
    this.transactions =
        Counter.builder("fourfold.group.commit.transactions")
            .description("Transactions committed by group commit")
            .register(meters);
    this.commands =
        Counter.builder("fourfold.group.commit.commands")
            .description("Commands committed by group commit (divided by transactions: batch size)")
            .register(meters);
    if (config.enabled()) {
      for (int p = 0; p < config.partitions(); p++) {
        partitions.add(new Partition("group-commit-" + p));
      }
    }
  }

  /**
   * Runs {@code work} in a transaction shared with other commands' work and returns its result once
   * that transaction has committed; throws what {@code work} threw, or why the commit failed. The
   * work runs on another thread: it must take what it needs from the caller's thread (such as
   * {@link CommandContext#capture}) before it is handed over.
   *
   * @param aggregateId the aggregate the work changes, so its commands stay in order; null for a
   *     new aggregate, which any partition may take
   */
  public <T> T run(String aggregateId, Supplier<T> work) {
    if (inTransaction()) {
      // A caller's own transaction belongs to its thread and cannot be shared: run in it.
      return work.get();
    }
    Pending<T> pending = new Pending<>(work);
    if (partitions.isEmpty()) {
      runAlone(pending);
    } else {
      partitionOf(aggregateId).submit(pending);
    }
    try {
      return pending.answer.join();
    } catch (CompletionException e) {
      throw rethrowable(e.getCause());
    }
  }

  /** What has been committed so far. */
  public Totals totals() {
    return new Totals((long) transactions.count(), (long) commands.count());
  }

  /** Transactions committed and the commands they held. */
  public record Totals(long transactions, long commands) {

    /** Commands per transaction between an earlier reading and this one. */
    public double averageBatchSince(Totals earlier) {
      long count = transactions - earlier.transactions;
      return count == 0 ? 0 : (double) (commands - earlier.commands) / count;
    }
  }

  /** Commands waiting for a worker, in every partition. */
  public int queued() {
    return partitions.stream().mapToInt(partition -> partition.queue.size()).sum();
  }

  /** Commits what is queued, then stops, before the event store stops (shutdown priority). */
  void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent shutdown) {
    stop();
  }

  void stop() {
    partitions.forEach(Partition::stop);
  }

  private Partition partitionOf(String aggregateId) {
    int index =
        aggregateId == null
            ? ThreadLocalRandom.current().nextInt(partitions.size())
            : Math.floorMod(aggregateId.hashCode(), partitions.size());
    return partitions.get(index);
  }

  private boolean inTransaction() {
    try {
      return jta.getStatus() != Status.STATUS_NO_TRANSACTION;
    } catch (SystemException e) {
      throw new IllegalStateException("Cannot read the transaction status", e);
    }
  }

  private void commitTogether(List<Pending<?>> batch) {
    if (batch.size() == 1) {
      runAlone(batch.get(0));
      return;
    }
    List<Object> results = new ArrayList<>(batch.size());
    try {
      jta.begin();
      for (Pending<?> pending : batch) {
        results.add(pending.work.get());
      }
      jta.commit();
    } catch (Exception | Error e) {
      LOG.debugf("A batch of %d commands failed (%s); running each alone", batch.size(), e);
      rollbackQuietly();
      batch.forEach(this::runAlone);
      return;
    }
    transactions.increment();
    commands.increment(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).complete(results.get(i));
    }
  }

  private <T> void runAlone(Pending<T> pending) {
    T result;
    try {
      jta.begin();
      result = pending.work.get();
      jta.commit();
    } catch (Exception | Error e) {
      rollbackQuietly();
      pending.answer.completeExceptionally(e);
      return;
    }
    transactions.increment();
    commands.increment();
    pending.answer.complete(result);
  }

  private void rollbackQuietly() {
    try {
      if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
        jta.rollback();
      }
    } catch (Exception e) {
      LOG.warnf("Rollback after a failed batch failed: %s", e);
    }
  }

  private static RuntimeException rethrowable(Throwable failure) {
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return new IllegalStateException("The transaction could not commit", failure);
  }

  /** One caller's work and the answer it waits for. */
  private record Pending<T>(Supplier<T> work, CompletableFuture<T> answer) {
    Pending(Supplier<T> work) {
      this(work, new CompletableFuture<>());
    }

    @SuppressWarnings("unchecked")
    void complete(Object result) {
      answer.complete((T) result);
    }
  }

  /** A queue and the worker that commits what it holds. */
  private final class Partition {

    private final BlockingQueue<Pending<?>> queue =
        new LinkedBlockingQueue<>(config.queueCapacity());
    private final Thread worker;
    private volatile boolean running = true;

    Partition(String name) {
      worker = new Thread(this::work, name);
      worker.setDaemon(true);
      worker.start();
    }

    void submit(Pending<?> pending) {
      if (!running) {
        throw new IllegalStateException("The service is stopping");
      }
      if (!queue.offer(pending)) {
        throw new CommandsOverloadedException(queue.size());
      }
    }

    void stop() {
      running = false;
      try {
        worker.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void work() {
      List<Pending<?>> batch = new ArrayList<>(config.maxBatch());
      // After stop, what is still queued is committed before the worker ends.
      while (running || !queue.isEmpty()) {
        try {
          Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, config.maxBatch() - 1);
          commitTogether(batch);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          // commitTogether answers every caller itself; this is a bug, never leave callers hanging
          LOG.error("Group commit worker failed", e);
          batch.forEach(pending -> pending.answer.completeExceptionally(e));
        } finally {
          batch.clear();
        }
      }
    }
  }
}
