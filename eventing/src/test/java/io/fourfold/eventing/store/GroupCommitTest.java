package io.fourfold.eventing.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit's contract, on Narayana's JTA transaction manager: work shares transactions, every
 * caller is answered after its transaction committed, a failure stays with its own work, one
 * aggregate's work runs in order, and a full queue refuses at once.
 */
class GroupCommitTest {

  private static final TransactionManager JTA =
      com.arjuna.ats.jta.TransactionManager.transactionManager();

  private final ExecutorService callers = Executors.newCachedThreadPool();
  private final List<GroupCommit> started = new ArrayList<>();

  @AfterEach
  void stop() {
    callers.shutdownNow();
    started.forEach(GroupCommit::stop);
  }

  @Test
  void everyCallerIsAnsweredAfterTheTransactionHoldingItsWorkCommitted() throws Exception {
    GroupCommit groupCommit = start(2, 64, 256);
    List<Future<Boolean>> answers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      CommitWatch watch = new CommitWatch();
      answers.add(
          callers.submit(
              () ->
                  groupCommit.run("aggregate-" + watch.hashCode(), watch::watch)
                      && watch.committed.await(0, TimeUnit.SECONDS)));
    }

    for (Future<Boolean> answer : answers) {
      assertThat(answer.get(10, TimeUnit.SECONDS)).as("committed before the answer").isTrue();
    }
    assertThat(groupCommit.totals().commands()).isEqualTo(100);
  }

  @Test
  void workThatFailsFailsAloneWithItsOwnExceptionAndTheRestCommits() throws Exception {
    GroupCommit groupCommit = start(1, 64, 256);
    CountDownLatch busy = occupy(groupCommit, "other");
    List<CommitWatch> watches = new ArrayList<>();
    List<Future<Boolean>> answers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      CommitWatch watch = new CommitWatch();
      watches.add(watch);
      boolean fails = i == 4;
      answers.add(
          callers.submit(
              () ->
                  groupCommit.run(
                      "aggregate",
                      () -> {
                        watch.watch();
                        if (fails) {
                          throw new IllegalArgumentException("refused by the aggregate");
                        }
                        return true;
                      })));
    }
    awaitQueued(groupCommit, 10);
    busy.countDown();

    for (int i = 0; i < 10; i++) {
      if (i == 4) {
        Future<Boolean> failed = answers.get(i);
        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(IllegalArgumentException.class)
            .hasRootCauseMessage("refused by the aggregate");
        assertThat(watches.get(i).committed.getCount()).isEqualTo(1);
      } else {
        assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(watches.get(i).committed.await(0, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  @Test
  void oneAggregatesWorkRunsInTheOrderItWasSent() throws Exception {
    GroupCommit groupCommit = start(4, 8, 256);
    CountDownLatch busy = occupy(groupCommit, "one-aggregate");
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int n = i;
      answers.add(
          callers.submit(
              () ->
                  groupCommit.run(
                      "one-aggregate",
                      () -> {
                        order.add(n);
                        return n;
                      })));
      awaitQueued(groupCommit, i + 1);
    }
    busy.countDown();
    for (Future<Integer> answer : answers) {
      answer.get(10, TimeUnit.SECONDS);
    }

    assertThat(order).isSorted().hasSize(50);
  }

  @Test
  void aFullQueueRefusesAtOnceAndWhatWasQueuedStillCommits() throws Exception {
    GroupCommit groupCommit = start(1, 1, 2);
    CountDownLatch busy = occupy(groupCommit, "aggregate");
    List<Future<String>> queued = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      queued.add(callers.submit(() -> groupCommit.run("aggregate", () -> "done")));
    }
    awaitQueued(groupCommit, 2);

    assertThatThrownBy(() -> groupCommit.run("aggregate", () -> "never run"))
        .isInstanceOf(CommandsOverloadedException.class);
    busy.countDown();
    for (Future<String> answer : queued) {
      assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    }
  }

  @Test
  void workOfACallerThatHoldsATransactionRunsInIt() throws Exception {
    GroupCommit groupCommit = start(1, 64, 256);
    JTA.begin();
    try {
      jakarta.transaction.Transaction mine = JTA.getTransaction();
      assertThat(groupCommit.run("aggregate", GroupCommitTest::currentTransaction)).isSameAs(mine);
    } finally {
      JTA.rollback();
    }
  }

  @Test
  void switchedOffEachCallersWorkCommitsAloneOnTheCallersThread() {
    GroupCommit groupCommit =
        new GroupCommit(JTA, new Settings(false, 4, 64, 256), new SimpleMeterRegistry());
    CommitWatch watch = new CommitWatch();

    Thread worker = groupCommit.run("aggregate", Thread::currentThread);
    assertThat(groupCommit.run("aggregate", watch::watch)).isTrue();

    assertThat(worker).isSameAs(Thread.currentThread());
    assertThat(watch.committed.getCount()).isZero();
  }

  private GroupCommit start(int partitions, int maxBatch, int queueCapacity) {
    GroupCommit groupCommit =
        new GroupCommit(
            JTA,
            new Settings(true, partitions, maxBatch, queueCapacity),
            new SimpleMeterRegistry());
    started.add(groupCommit);
    return groupCommit;
  }

  /** Keeps the partition of {@code aggregateId} busy until the returned latch is counted down. */
  private CountDownLatch occupy(GroupCommit groupCommit, String aggregateId) throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    callers.submit(
        () ->
            groupCommit.run(
                aggregateId,
                () -> {
                  running.countDown();
                  try {
                    return release.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                }));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    return release;
  }

  private static void awaitQueued(GroupCommit groupCommit, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (groupCommit.queued() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(groupCommit.queued()).isEqualTo(count);
  }

  private static jakarta.transaction.Transaction currentTransaction() {
    try {
      return JTA.getTransaction();
    } catch (jakarta.transaction.SystemException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Work that notes when the transaction it ran in commits. */
  private static final class CommitWatch {
    final CountDownLatch committed = new CountDownLatch(1);

    boolean watch() {
      try {
        JTA.getTransaction()
            .registerSynchronization(
                new Synchronization() {
                  @Override
                  public void beforeCompletion() {}

                  @Override
                  public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                      committed.countDown();
                    }
                  }
                });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return true;
    }
  }

  private record Settings(boolean enabled, int partitions, int maxBatch, int queueCapacity)
      implements EventStoreConfig.GroupCommit {}
}
