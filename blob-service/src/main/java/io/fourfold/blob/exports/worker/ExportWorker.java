package io.fourfold.blob.exports.worker;

import io.fourfold.blob.exports.projection.ExportJob;
import io.fourfold.blob.exports.projection.ExportJobs;
import io.fourfold.blob.exports.projection.ExportsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Acts on the jobs the exports projection folded: builds requested exports and erases erased
 * accounts' objects, one job at a time on its own thread. This is the only place the projection has
 * effects outside its database; with {@code fourfold.exports.worker-enabled=false} a rebuild folds
 * history without any.
 */
@ApplicationScoped
public class ExportWorker {

  private static final Logger LOG = Logger.getLogger(ExportWorker.class);

  private final ExportJobs jobs;
  private final ExportBuilder builder;
  private final AccountErasure erasure;
  private final ExportsConfig config;
  private ScheduledExecutorService executor;

  public ExportWorker(
      ExportJobs jobs, ExportBuilder builder, AccountErasure erasure, ExportsConfig config) {
    this.jobs = jobs;
    this.builder = builder;
    this.erasure = erasure;
    this.config = config;
  }

  void start(@Observes StartupEvent startup) {
    if (!config.workerEnabled()) {
      LOG.info("The export worker is off: exports are folded, not built");
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "export-worker");
              thread.setDaemon(true);
              return thread;
            });
    long interval = config.pollInterval().toMillis();
    executor.scheduleWithFixedDelay(this::runDueJobs, interval, interval, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent shutdown) {
    if (executor != null) {
      executor.shutdown();
    }
  }

  /** Runs every job that is due now. */
  void runDueJobs() {
    try {
      while (true) {
        var due = jobs.claim();
        if (due.isEmpty()) {
          return;
        }
        due.forEach(this::run);
      }
    } catch (RuntimeException e) {
      // The next round tries again; a claimed job comes back when its claim runs out.
      LOG.warnf("The export worker could not read its jobs: %s", e.toString());
    }
  }

  private void run(ExportJob job) {
    try {
      if ("erasure".equals(job.kind())) {
        erasure.erase(job.accountId());
      } else {
        builder.build(job.exportId(), job.accountId());
      }
      jobs.done(job);
    } catch (ExportBuilder.NotReadyException e) {
      // The account's registration is still on its way through the topic (a projection catching
      // up).
      jobs.notYet(job);
    } catch (RuntimeException e) {
      failed(job, e);
    }
  }

  private void failed(ExportJob job, RuntimeException e) {
    if ("export".equals(job.kind()) && job.attempts() >= config.maxAttempts()) {
      LOG.errorf("Export %s failed for good: %s", job.exportId(), e.toString());
      try {
        builder.fail(job.exportId(), "The export could not be built.");
        jobs.done(job);
      } catch (RuntimeException again) {
        LOG.warnf("Could not record the failure of export %s: %s", job.exportId(), again);
        jobs.retryLater(job);
      }
      return;
    }
    LOG.warnf("%s failed (attempt %d), trying again later: %s", job.jobId(), job.attempts(), e);
    jobs.retryLater(job);
  }
}
