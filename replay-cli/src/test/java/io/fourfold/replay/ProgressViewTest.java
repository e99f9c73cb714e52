package io.fourfold.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fourfold.replay.Services.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How progress is drawn: a bar with events/s and ETA on a terminal, plain lines otherwise. */
class ProgressViewTest {

  private static Progress progress(String phase, long position, double rate, Instant finished) {
    return new Progress(
        "account-read-model",
        "rebuild",
        2,
        1,
        phase,
        position,
        1_000_000,
        0,
        position,
        rate,
        Instant.parse("2026-01-01T00:00:00Z"),
        finished,
        "rebuild by account-service on host (pid 1)",
        finished == null ? "" : "generation 2 serves account-read-model");
  }

  @Test
  void theBarShowsPercentRateAndEta() {
    String bar = ProgressView.bar(progress("reading", 250_000, 50_000, null));

    assertThat(bar)
        .contains("[########......................]")
        .contains(" 25%")
        .contains("250,000/1,000,000")
        .contains("50,000 events/s")
        .contains("ETA 0:15")
        .endsWith("reading");
  }

  @Test
  void etaIsUnknownBeforeTheFirstBatchAndZeroWhenDone() {
    assertThat(ProgressView.eta(progress("reading", 0, 0, null))).isEqualTo("?");
    assertThat(ProgressView.eta(progress("done", 1_000_000, 70_000, Instant.now())))
        .isEqualTo("0:00");
    assertThat(ProgressView.eta(progress("reading", 0, 100, null))).isEqualTo("2:46:40");
  }

  @Test
  void withoutATerminalItPrintsPlainLinesAndTheOutcome() {
    StringWriter text = new StringWriter();
    ProgressView view = new ProgressView(new PrintWriter(text), false);

    view.show(progress("reading", 100_000, 40_000, null));
    view.show(progress("reading", 110_000, 40_000, null));
    view.end(progress("done", 1_000_000, 40_000, Instant.now()));

    assertThat(text.toString())
        .doesNotContain("\r")
        .contains(
            "account-read-model rebuild generation 2: reading position 100000 of 1000000 (10%)")
        .contains("account-read-model: done: generation 2 serves account-read-model");
    // A second line in the same phase within two seconds is not printed.
    assertThat(text.toString()).doesNotContain("position 110000");
  }
}
