package io.fourfold.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Runs the same task on several threads that start together; answers the wall time in seconds. */
final class Parallel {

  /** One thread's share of the work. */
  interface Task {
    void run(int thread) throws Exception;
  }

  private Parallel() {}

  static double run(int threads, String name, Task task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                  task.run(thread);
                } catch (Exception e) {
                  failure.compareAndSet(null, e);
                }
              },
              name + "-" + t);
      worker.start();
      started.add(worker);
    }
    long begin = System.nanoTime();
    start.countDown();
    for (Thread worker : started) {
      worker.join();
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException(name + " failed", failure.get());
    }
    return seconds;
  }

  /** The part of {@code total} thread {@code thread} of {@code threads} takes. */
  static int share(int total, int threads, int thread) {
    return total / threads + (thread < total % threads ? 1 : 0);
  }
}
