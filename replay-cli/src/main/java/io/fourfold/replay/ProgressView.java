package io.fourfold.replay;

import io.fourfold.replay.Services.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Draws an operation's progress: a bar redrawn in place with events/s and ETA on a terminal, plain
 * lines (every few seconds and at each phase change) otherwise, for logs and Kubernetes Jobs.
 */
final class ProgressView {

  private static final int WIDTH = 30;
  private static final long PLAIN_EVERY_NANOS = 2_000_000_000L;

  private final PrintWriter out;
  private final boolean terminal;
  private String lastPhase;
  private long lastPlain;
  private boolean drawn;

  ProgressView(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  void show(Progress progress) {
    if (terminal) {
      out.print("\r" + bar(progress) + "   ");
      out.flush();
      drawn = true;
      return;
    }
    long now = System.nanoTime();
    if (!progress.phase().equals(lastPhase) || now - lastPlain >= PLAIN_EVERY_NANOS) {
      out.println(line(progress));
      out.flush();
      lastPhase = progress.phase();
      lastPlain = now;
    }
  }

  void end(Progress progress) {
    if (terminal) {
      out.print("\r" + bar(progress) + "   ");
      out.println();
    } else if (!progress.phase().equals(lastPhase) || drawn) {
      out.println(line(progress));
    }
    out.println(progress.projection() + ": " + progress.phase() + ": " + progress.message());
    out.flush();
  }

  /** {@code [#####.....] 45% 1,234/2,700 events 71,234 events/s ETA 0:02 reading}. */
  static String bar(Progress progress) {
    double fraction = fraction(progress);
    int filled = (int) Math.round(fraction * WIDTH);
    return String.format(
        Locale.ROOT,
        "%s [%s%s] %3d%%  %,d/%,d  %,.0f events/s  ETA %s  %s",
        progress.projection(),
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        Math.round(fraction * 100),
        progress.position(),
        progress.target(),
        progress.eventsPerSecond(),
        eta(progress),
        progress.phase());
  }

  /** One plain progress line. */
  static String line(Progress progress) {
    return String.format(
        Locale.ROOT,
        "%s %s generation %d: %s position %d of %d (%d%%), %d events, %.0f events/s, ETA %s",
        progress.projection(),
        progress.operation(),
        progress.generation(),
        progress.phase(),
        progress.position(),
        progress.target(),
        Math.round(fraction(progress) * 100),
        progress.events(),
        progress.eventsPerSecond(),
        eta(progress));
  }

  static String eta(Progress progress) {
    if (progress.finished()) {
      return "0:00";
    }
    long remaining = Math.max(0, progress.target() - progress.position());
    if (progress.eventsPerSecond() <= 0) {
      return "?";
    }
    long seconds = Math.round(remaining / progress.eventsPerSecond());
    return seconds >= 3600
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  private static double fraction(Progress progress) {
    long span = progress.target() - progress.startPosition();
    if (progress.finished() && progress.phase().equals("done")) {
      return 1;
    }
    if (span <= 0) {
      return 0;
    }
    return Math.max(
        0, Math.min(1, (progress.position() - progress.startPosition()) / (double) span));
  }
}
