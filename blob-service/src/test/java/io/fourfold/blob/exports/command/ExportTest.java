package io.fourfold.blob.exports.command;

import io.fourfold.blob.support.Fixtures;
import io.fourfold.schema.export.ExportCompleted;
import io.fourfold.schema.export.ExportFailed;
import io.fourfold.schema.export.ExportRequested;
import java.time.Instant;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The export aggregate: one outcome, recorded once, whatever repeats the attempt. */
class ExportTest {

  private static final String ID = "7d9c1c3e-2b7a-4f57-9a53-7c0f3f0d2b44";
  private static final String ACCOUNT = "5b1f0c9e-1d2a-4c3b-8e4f-5a6b7c8d9e0f";
  private static final String KEY = "accounts/" + ACCOUNT + "/exports/" + ID + ".json";
  private static final String SHA = "b".repeat(64);
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T10:00:02Z");

  private FixtureConfiguration<Export> fixture;

  @BeforeEach
  void fixture() {
    fixture = Fixtures.of(Export.class);
  }

  private static ExportRequested requested() {
    return new ExportRequested(ID, ACCOUNT, T0);
  }

  @Test
  void aRequestIsRecorded() {
    fixture
        .givenNoPriorActivity()
        .when(new RequestExport(ID, ACCOUNT, T0))
        .expectEvents(requested());
  }

  @Test
  void aPendingExportCompletes() {
    fixture
        .given(requested())
        .when(new CompleteExport(ID, KEY, 100, SHA, T1))
        .expectEvents(new ExportCompleted(ID, ACCOUNT, KEY, 100, SHA, T1))
        .expectResultMessagePayload(true);
  }

  @Test
  void aSecondCompletionIsRefused() {
    fixture
        .given(requested(), new ExportCompleted(ID, ACCOUNT, KEY, 100, SHA, T1))
        .when(new CompleteExport(ID, KEY, 100, SHA, T1))
        .expectNoEvents()
        .expectResultMessagePayload(false);
  }

  @Test
  void aPendingExportFailsWithItsReason() {
    fixture
        .given(requested())
        .when(new FailExport(ID, "The account was erased.", T1))
        .expectEvents(new ExportFailed(ID, ACCOUNT, "The account was erased.", T1))
        .expectResultMessagePayload(true);
  }

  @Test
  void aFailedExportNeverCompletes() {
    fixture
        .given(requested(), new ExportFailed(ID, ACCOUNT, "The account was erased.", T1))
        .when(new CompleteExport(ID, KEY, 100, SHA, T1))
        .expectNoEvents()
        .expectResultMessagePayload(false);
  }
}
