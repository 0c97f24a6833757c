package org.soc.schema;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Assigns {@code event.id} once, at the collector. Ids are 32 hex digits: 48 bits of the receive time in
 * milliseconds (so ids sort roughly by arrival), 48 bits identifying this collector instance and 32 bits of a
 * per-instance sequence. Unique as long as instance ids are unique: the launcher draws one at random at
 * start-up and injects it, tests inject a fixed one for reproducible ids.
 */
public final class EventIdGenerator {
  private final long instance;
  /** The instance's 12 hex digits, the same in every id. */
  private final byte[] instanceHex = new byte[12];
  private final AtomicLong sequence = new AtomicLong();

  public EventIdGenerator(long instanceId) {
    this.instance = instanceId & 0xFFFF_FFFF_FFFFL;
    writeHex(instanceHex, 0, instance, 12);
  }

  /** Number of characters (ASCII hex digits) of an id. */
  public static final int LENGTH = 32;
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /** "00" to "ff", two bytes each. */
  private static final byte[] HEX_PAIRS = new byte[512];

  static {
    for (int i = 0; i < 256; i++) {
      HEX_PAIRS[2 * i] = HEX[i >> 4];
      HEX_PAIRS[2 * i + 1] = HEX[i & 0xF];
    }
  }

  public String next(Instant receivedAt) {
    byte[] out = new byte[LENGTH];
    next(receivedAt.toEpochMilli(), out, 0);
    return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * The next id as {@link #LENGTH} ASCII bytes at {@code out[offset]}, for a writer that puts it straight into
   * a document; the same id {@link #next(Instant)} would have returned.
   */
  public void next(long receivedAtMillis, byte[] out, int offset) {
    long millis = receivedAtMillis & 0xFFFF_FFFF_FFFFL;
    long seq = sequence.getAndIncrement() & 0xFFFF_FFFFL;
    writeHex(out, offset, millis, 12);
    System.arraycopy(instanceHex, 0, out, offset + 12, 12);
    writeHex(out, offset + 24, seq, 8);
  }

  /** {@code digits} (even) lowercase hex digits of {@code value}, two per table lookup. */
  private static void writeHex(byte[] out, int offset, long value, int digits) {
    for (int i = offset + digits - 2; i >= offset; i -= 2) {
      int pair = ((int) value & 0xFF) << 1;
      out[i] = HEX_PAIRS[pair];
      out[i + 1] = HEX_PAIRS[pair + 1];
      value >>>= 8;
    }
  }
}
