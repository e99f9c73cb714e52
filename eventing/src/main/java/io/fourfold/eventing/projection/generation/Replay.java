package io.fourfold.eventing.projection.generation;

import io.fourfold.eventing.projection.ProjectedEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Reads the event store from a cursor to the head into a sink, one batch ahead on a reader thread
 * of its own, saving the checkpoint whenever the sink has written what it took: the loop under a
 * rebuild's bulk phase, its catch-up, its hold and a rollback's catch-up ({@link Rebuilds}).
 */
final class Replay {

  private static final Logger LOG = Logger.getLogger(Replay.class);

  private final int batchSize;

  Replay(int batchSize) {
    this.batchSize = batchSize;
  }

  /** What a replay reports after every batch it took. */
  @FunctionalInterface
  interface Progress {
    void read(List<ProjectedEvent> events, long position, long read);
  }

  @FunctionalInterface
  interface Apply {
    void apply(List<ProjectedEvent> events) throws SQLException;
  }

  @FunctionalInterface
  interface Checkpoint {
    void save(long checkpoint) throws SQLException;
  }

  /** Where read batches go: written at once, or folded and written now and then. */
  interface Sink {

    /** Takes a batch; answers whether every batch taken so far is written (may be checkpointed). */
    boolean take(List<ProjectedEvent> events) throws SQLException;

    /** Writes what is held. */
    void flush() throws SQLException;
  }

  /** Each batch written as it comes. */
  static Sink perBatch(Apply apply) {
    return new Sink() {
      @Override
      public boolean take(List<ProjectedEvent> events) throws SQLException {
        if (!events.isEmpty()) {
          apply.apply(events);
        }
        return true;
      }

      @Override
      public void flush() {}
    };
  }

  /**
   * Batches folded by the projection's bulk loader, written when it is full and at least every
   * checkpoint interval, so that a crash costs at most that much reading again.
   */
  static Sink folding(
      RebuildableProjection.BulkLoad load, Clock clock, Duration checkpointInterval) {
    return new Sink() {
      private Instant flushed = clock.instant();

      @Override
      public boolean take(List<ProjectedEvent> events) {
        boolean full = !events.isEmpty() && load.add(events);
        if (full || !clock.instant().isBefore(flushed.plus(checkpointInterval))) {
          flush();
          return true;
        }
        return false;
      }

      @Override
      public void flush() {
        load.flush();
        flushed = clock.instant();
      }
    };
  }

  /**
   * Where a read to the head spent its time, for the debug log: the reader reading and decoding,
   * the writer folding and writing, and the writer waiting for the reader.
   */
  private static final class Timing {
    private final long began;
    private final AtomicLong reading = new AtomicLong();
    private long writing;
    private long waiting;

    Timing(long began) {
      this.began = began;
    }

    void reading(long nanos) {
      reading.addAndGet(nanos);
    }

    void writing(long nanos) {
      writing += nanos;
    }

    void waiting(long nanos) {
      waiting += nanos;
    }

    @Override
    public String toString() {
      return String.format(
          "read to the head in %.1f s: reading %.1f s, writing %.1f s, waiting for reads %.1f s",
          (System.nanoTime() - began) / 1e9, reading.get() / 1e9, writing / 1e9, waiting / 1e9);
    }
  }

  /** One batch as read: its events, and where the cursor stood after it. */
  private record Batch(List<ProjectedEvent> events, long position, long checkpoint, long read) {}

  /**
   * Reads batches into the sink until a read finds the head, saving the checkpoint whenever the
   * sink has written what it took. Reading (and decoding) runs on a thread of its own one batch
   * ahead of applying, so the event store's reads overlap the projection's writes.
   */
  void toHead(
      Connection connection,
      EventStoreBatches.Cursor cursor,
      Sink sink,
      Progress progress,
      Checkpoint checkpoint,
      int stopAfterCheckpoints)
      throws SQLException {
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
    Object end = new Object();
    Timing timing = new Timing(System.nanoTime());
    Thread reader =
        new Thread(
            () -> {
              try {
                while (true) {
                  long readBefore = cursor.read();
                  long began = System.nanoTime();
                  List<ProjectedEvent> events = cursor.next(connection, batchSize);
                  timing.reading(System.nanoTime() - began);
                  long read = cursor.read() - readBefore;
                  queue.put(new Batch(events, cursor.position(), cursor.checkpoint(), read));
                  if (read < batchSize) {
                    queue.put(end);
                    return;
                  }
                }
              } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
              } catch (SQLException | RuntimeException failure) {
                // Waits for room like a batch would: a failure dropped would leave the writer
                // waiting for ever.
                try {
                  queue.put(failure);
                } catch (InterruptedException stopped) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            Thread.currentThread().getName() + "-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      int checkpoints = 0;
      Long unsaved = null;
      while (true) {
        long waited = System.nanoTime();
        Object next = queue.take();
        timing.waiting(System.nanoTime() - waited);
        if (next == end) {
          if (unsaved != null) {
            long flushing = System.nanoTime();
            sink.flush();
            timing.writing(System.nanoTime() - flushing);
            checkpoint.save(unsaved);
          }
          LOG.debugf("%s: %s", Thread.currentThread().getName(), timing);
          return;
        }
        if (next instanceof SQLException failure) {
          throw failure;
        }
        if (next instanceof RuntimeException failure) {
          throw failure;
        }
        Batch batch = (Batch) next;
        long writing = System.nanoTime();
        boolean written = sink.take(batch.events());
        timing.writing(System.nanoTime() - writing);
        if (written) {
          checkpoint.save(batch.checkpoint());
          unsaved = null;
          checkpoints++;
        } else {
          unsaved = batch.checkpoint();
        }
        progress.read(batch.events(), batch.position(), batch.read());
        if (stopAfterCheckpoints > 0 && checkpoints >= stopAfterCheckpoints) {
          throw new SimulatedCrash(
              "stopped after " + checkpoints + " checkpoints at " + batch.checkpoint());
        }
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", interrupted);
    } finally {
      reader.interrupt();
      try {
        reader.join();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A test's stand-in for a crashed process: the operation stops dead, nothing is cleaned up. */
  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(String message) {
      super(message);
    }
  }
}
