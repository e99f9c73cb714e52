package io.fourfold.blob.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.MemorySize;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The edges of streaming into S3 (real S3Proxy, 5 MiB parts): a body of exactly one part, one byte
 * more, exactly the limit and one byte over it.
 */
class StreamingUploadTest {

  private static final int PART = 5 * 1024 * 1024;
  private static final String BUCKET = "fourfold-blobs-test";

  private final S3Client s3 = client();
  private final ObjectStore store = new ObjectStore(s3, config(2L * PART + 10));
  private final StreamingUpload upload = new StreamingUpload(store, config(2L * PART + 10));
  private final String prefix = "streaming-test/" + UUID.randomUUID() + "/";

  @AfterEach
  void clean() {
    store.deletePrefix(prefix);
    s3.close();
  }

  @Test
  void aBodySmallerThanOnePartStaysInMemory() throws IOException {
    byte[] body = bytes(PART - 1);

    StreamingUpload.Staged staged = upload.stage(in(body), prefix + "small", "x/y");

    assertThat(staged.isStaged()).isFalse();
    assertThat(staged.size()).isEqualTo(body.length);
    assertThat(staged.length()).isEqualTo(body.length);
    assertThat(staged.sha256()).isEqualTo(sha256(body));
  }

  @Test
  void aBodyOfExactlyOnePartIsStagedWhole() throws IOException {
    byte[] body = bytes(PART);

    StreamingUpload.Staged staged = upload.stage(in(body), prefix + "one", "x/y");

    assertThat(staged.isStaged()).isTrue();
    assertThat(staged.sha256()).isEqualTo(sha256(body));
    assertThat(stored(staged.stagingKey())).isEqualTo(body);
  }

  @Test
  void aBodyOfTwoPartsAndABitIsStagedInThreeParts() throws IOException {
    byte[] body = bytes(2 * PART + 10);

    StreamingUpload.Staged staged = upload.stage(in(body), prefix + "three", "x/y");

    assertThat(staged.sha256()).isEqualTo(sha256(body));
    assertThat(stored(staged.stagingKey())).isEqualTo(body);
  }

  @Test
  void aBodyOfOnePartAndOneByteIsStagedInTwoParts() throws IOException {
    byte[] body = bytes(PART + 1);

    StreamingUpload.Staged staged = upload.stage(in(body), prefix + "two", "x/y");

    assertThat(staged.size()).isEqualTo(PART + 1);
    assertThat(staged.sha256()).isEqualTo(sha256(body));
    assertThat(stored(staged.stagingKey())).isEqualTo(body);
  }

  @Test
  void aBodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsNot() throws IOException {
    byte[] limit = bytes(2 * PART + 10);
    byte[] over = bytes(2 * PART + 11);

    StreamingUpload.Staged staged = upload.stage(in(limit), prefix + "limit", "x/y");

    assertThat(staged.size()).isEqualTo(limit.length);
    assertThatThrownBy(() -> upload.stage(in(over), prefix + "over", "x/y"))
        .isInstanceOf(StreamingUpload.TooLargeException.class);
    assertThat(store.exists(prefix + "over")).isFalse();
    assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix)).uploads()).isEmpty();
  }

  private byte[] stored(String key) throws IOException {
    try (InputStream in = store.open(key)) {
      return in.readAllBytes();
    }
  }

  private static InputStream in(byte[] body) {
    // Small reads, as a socket gives them: the part is filled over many reads.
    return new ByteArrayInputStream(body) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 16 * 1024 + 7));
      }
    };
  }

  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BlobStorageConfig config(long maxSize) {
    return new BlobStorageConfig() {
      @Override
      public String bucket() {
        return BUCKET;
      }

      @Override
      public MemorySize maxSize() {
        return new MemorySize(BigInteger.valueOf(maxSize));
      }

      @Override
      public MemorySize partSize() {
        return new MemorySize(BigInteger.valueOf(PART));
      }

      @Override
      public Duration downloadTtl() {
        return Duration.ofMinutes(1);
      }

      @Override
      public Optional<URI> publicEndpoint() {
        return Optional.empty();
      }

      @Override
      public S3 s3() {
        throw new UnsupportedOperationException();
      }
    };
  }

  private static S3Client client() {
    return S3Client.builder()
        .endpointOverride(
            URI.create(System.getProperty("fourfold.test.s3", "http://127.0.0.1:19000")))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("fourfold-local", "fourfold-local-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
