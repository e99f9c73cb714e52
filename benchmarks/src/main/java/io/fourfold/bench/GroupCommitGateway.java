package io.fourfold.bench;

import io.fourfold.schema.AggregateCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/**
 * Prototype of group commit for commands (the change proposed for {@code eventing}): callers hand
 * commands to a few partition workers (partitioned by aggregate id, so one aggregate's commands are
 * serialized on one thread and commit in order); a worker drains what is queued, up to a maximum,
 * and runs all of them through the ordinary command gateway inside <em>one</em> root unit of work
 * with one transaction attached. Each command still runs in its own nested unit of work (its own
 * handler, its own result), but the events of all of them are appended in one batched insert and
 * committed once, and every caller is answered only after that commit.
 *
 * <p>Failure isolation: a command that fails marks the shared transaction rollback-only, so the
 * batch is rolled back (Axon's rollback handlers evict the cached aggregates it touched), the
 * failed command is answered with its own exception and the others are run again, each in a
 * transaction of its own. No command is answered before its events are durable.
 */
final class GroupCommitGateway implements AutoCloseable {

  private final CommandGateway gateway;
  private final TransactionManager transactions;
  private final int maxBatch;
  private final List<BlockingQueue<Pending>> queues = new ArrayList<>();
  private final List<Thread> workers = new ArrayList<>();
  private final LongAdder batches = new LongAdder();
  private final LongAdder batched = new LongAdder();
  private volatile boolean running = true;

  GroupCommitGateway(
      CommandGateway gateway, TransactionManager transactions, int partitions, int maxBatch) {
    this.gateway = gateway;
    this.transactions = transactions;
    this.maxBatch = maxBatch;
    for (int p = 0; p < partitions; p++) {
      BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(16 * maxBatch);
      queues.add(queue);
      Thread worker = new Thread(() -> work(queue), "group-commit-" + p);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
  }

  /** Sends a command; the answer comes once the batch holding its events is committed. */
  <R> CompletableFuture<R> send(AggregateCommand command) {
    CompletableFuture<Object> answer = new CompletableFuture<>();
    int partition = Math.floorMod(command.aggregateId().hashCode(), queues.size());
    try {
      queues.get(partition).put(new Pending(command, answer));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.completeExceptionally(e);
    }
    @SuppressWarnings("unchecked")
    CompletableFuture<R> typed = (CompletableFuture<R>) answer;
    return typed;
  }

  /** Average number of commands per committed transaction so far. */
  double averageBatch() {
    long count = batches.sum();
    return count == 0 ? 0 : (double) batched.sum() / count;
  }

  private void work(BlockingQueue<Pending> queue) {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (running) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        runBatch(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        batch.forEach(pending -> pending.answer.completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void runBatch(List<Pending> batch) {
    List<Object> results = new ArrayList<>(batch.size());
    Throwable failure = null;
    int failed = -1;
    DefaultUnitOfWork<?> root = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("batch"));
    try {
      root.attachTransaction(transactions);
      for (int i = 0; i < batch.size() && failure == null; i++) {
        // The simple command bus handles the command on this thread, in a unit of work nested in
        // the root: its events wait for the root's commit.
        CompletableFuture<Object> result = gateway.send(batch.get(i).command);
        try {
          results.add(result.getNow(null));
        } catch (RuntimeException e) {
          failure = e.getCause() != null ? e.getCause() : e;
          failed = i;
        }
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    if (failure == null) {
      try {
        root.commit();
      } catch (RuntimeException e) {
        batch.forEach(pending -> pending.answer.completeExceptionally(e));
        return;
      }
      batches.increment();
      batched.add(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).answer.complete(results.get(i));
      }
      return;
    }
    root.rollback(failure);
    for (int i = 0; i < batch.size(); i++) {
      Pending pending = batch.get(i);
      if (i == failed) {
        pending.answer.completeExceptionally(failure);
      } else {
        try {
          pending.answer.complete(gateway.sendAndWait(pending.command));
        } catch (RuntimeException e) {
          pending.answer.completeExceptionally(e);
        }
        batches.increment();
        batched.increment();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread worker : workers) {
      worker.join(5_000);
    }
  }

  private record Pending(AggregateCommand command, CompletableFuture<Object> answer) {}
}
