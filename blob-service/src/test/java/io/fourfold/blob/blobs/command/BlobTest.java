package io.fourfold.blob.blobs.command;

import io.fourfold.blob.support.Fixtures;
import io.fourfold.schema.blob.BlobDeleted;
import io.fourfold.schema.blob.BlobUploaded;
import java.time.Instant;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blob aggregate's decisions, in given/when/expect form. */
class BlobTest {

  private static final String ID = "0b6f6c61-6a1e-4d0e-9d55-0d3c3f7b0a11";
  private static final String ACCOUNT = "5b1f0c9e-1d2a-4c3b-8e4f-5a6b7c8d9e0f";
  private static final String SHA = "a".repeat(64);
  private static final String KEY = "accounts/" + ACCOUNT + "/blobs/" + SHA;
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-02T10:00:00Z");

  private FixtureConfiguration<Blob> fixture;

  @BeforeEach
  void fixture() {
    fixture = Fixtures.of(Blob.class);
  }

  private static BlobUploaded uploaded() {
    return new BlobUploaded(ID, ACCOUNT, KEY, 42, SHA, "text/plain", T0);
  }

  @Test
  void recordingAnUploadCreatesTheBlob() {
    fixture
        .givenNoPriorActivity()
        .when(new RecordBlobUpload(ID, ACCOUNT, KEY, 42, SHA, "text/plain", T0))
        .expectEvents(uploaded());
  }

  @Test
  void deletingRecordsTheDeletionForTheOwner() {
    fixture
        .given(uploaded())
        .when(new DeleteBlob(ID, T1))
        .expectEvents(new BlobDeleted(ID, ACCOUNT, T1))
        .expectResultMessagePayload(1L);
  }

  @Test
  void deletingTwiceRecordsOnce() {
    fixture
        .given(uploaded(), new BlobDeleted(ID, ACCOUNT, T1))
        .when(new DeleteBlob(ID, T1))
        .expectNoEvents()
        .expectResultMessagePayload(1L);
  }
}
