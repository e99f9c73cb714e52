package io.fourfold.blob.support;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A body of pseudo-random bytes made as it is read, so the test holds none of it; it hashes what it
 * gives out, and can stop once at a given offset until told to go on.
 */
public final class GeneratedBody extends InputStream {

  private final long size;
  private final long pauseAt;
  private final SplittableRandom random;
  private final MessageDigest sha256;
  private final CountDownLatch paused = new CountDownLatch(1);
  private final CountDownLatch resume = new CountDownLatch(1);
  private long position;
  private String digest;

  /** {@code pauseAt} < 0: never pauses. */
  public GeneratedBody(long size, long seed, long pauseAt) {
    this.size = size;
    this.pauseAt = pauseAt;
    this.random = new SplittableRandom(seed);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (position >= size) {
      return -1;
    }
    if (position == pauseAt) {
      paused.countDown();
      await(resume);
    }
    long limit = pauseAt > position ? Math.min(size, pauseAt) : size;
    int n = (int) Math.min(length, limit - position);
    for (int i = 0; i < n; i++) {
      buffer[offset + i] = (byte) random.nextInt(256);
    }
    sha256.update(buffer, offset, n);
    position += n;
    return n;
  }

  /** Waits until the body has been read up to its pause. */
  public void awaitPause() {
    await(paused);
  }

  public void resume() {
    resume.countDown();
  }

  /** The SHA-256 of everything read, once it was read to the end. */
  public synchronized String sha256() {
    if (digest == null) {
      digest = HexFormat.of().formatHex(sha256.digest());
    }
    return digest;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
