package io.fourfold.replay;

import io.fourfold.replay.Services.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;

/** Polls an operation's progress until it ends, drawing it. */
final class Follower {

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration UNREACHABLE_FOR = Duration.ofSeconds(30);

  private Follower() {}

  /** Follows the operation; answers its last progress, or null when the service went away. */
  static Progress follow(
      Services services, String address, String projection, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    ProgressView view = new ProgressView(out, System.console() != null);
    long unreachableSince = 0;
    while (true) {
      Progress progress;
      try {
        progress = services.progress(address, projection);
        unreachableSince = 0;
      } catch (IOException | Services.Refused e) {
        long now = System.nanoTime();
        unreachableSince = unreachableSince == 0 ? now : unreachableSince;
        if (now - unreachableSince > UNREACHABLE_FOR.toNanos()) {
          err.println();
          err.println(
              projection
                  + ": lost the service at "
                  + address
                  + " ("
                  + e.getMessage()
                  + "). A rebuild that stopped resumes from its checkpoint when run again.");
          return null;
        }
        Thread.sleep(POLL.toMillis());
        continue;
      }
      if (progress.finished()) {
        view.end(progress);
        return progress;
      }
      if (!progress.phase().equals("starting")) {
        view.show(progress);
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
