package io.fourfold.schema.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.codec.EventCodec;
import io.fourfold.schema.codec.RegisteredEventType;
import io.fourfold.schema.export.ExportCompleted;
import io.fourfold.schema.export.ExportFailed;
import io.fourfold.schema.export.ExportRequested;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

public class BlobAndExportEventsTest {

  private static final String ACCOUNT = "0b9f7d4e-5c1a-4e0f-9a51-3f2d8c7b6a10";
  private static final String BLOB = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
  private static final String EXPORT = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
  private static final String SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final Instant AT = Instant.parse("2026-03-01T10:00:00.5Z");

  private final EventCodec codec = EventCodec.standard();

  /** One of each blob and export event, for this test and the codec's every-event checks. */
  public static List<DomainEvent> samples() {
    String objectKey = "accounts/" + ACCOUNT + "/blobs/" + SHA256;
    return List.of(
        new BlobUploaded(BLOB, ACCOUNT, objectKey, 0, SHA256, "image/png", AT),
        new BlobDeleted(BLOB, ACCOUNT, AT),
        new ExportRequested(EXPORT, ACCOUNT, AT),
        new ExportCompleted(EXPORT, ACCOUNT, "exports/" + EXPORT + ".json", 512, SHA256, AT),
        new ExportFailed(EXPORT, ACCOUNT, "object store unavailable", AT));
  }

  @Test
  void everyEventSurvivesTheCodecUnchangedAndIsKeyedByItsAggregate() {
    for (DomainEvent event : samples()) {
      RegisteredEventType type = codec.types().byClass(event.getClass());

      DomainEvent decoded = codec.decode(type.name(), type.revision(), codec.encode(event));

      assertThat(decoded).isEqualTo(event);
      assertThat(decoded.aggregateId()).isIn(BLOB, EXPORT);
    }
  }

  @Test
  void aDigestMustBeLowercaseHexOfTheRightLength() {
    assertThatThrownBy(
            () -> new BlobUploaded(BLOB, ACCOUNT, "k", 1, SHA256.toUpperCase(), "text/plain", AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sha256");
    assertThatThrownBy(
            () -> new BlobUploaded(BLOB, ACCOUNT, "k", 1, SHA256.substring(1), "text/plain", AT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSizeCannotBeNegative() {
    assertThatThrownBy(() -> new BlobUploaded(BLOB, ACCOUNT, "k", -1, SHA256, "text/plain", AT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExportCompleted(EXPORT, ACCOUNT, "k", -1, SHA256, AT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
