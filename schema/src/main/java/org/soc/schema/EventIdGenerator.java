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
  private final AtomicLong sequence = new AtomicLong();

  public EventIdGenerator(long instanceId) {
    this.instance = instanceId & 0xFFFF_FFFF_FFFFL;
  }

  public String next(Instant receivedAt) {
    long millis = receivedAt.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
    long seq = sequence.getAndIncrement() & 0xFFFF_FFFFL;
    char[] out = new char[32];
    writeHex(out, 0, millis, 12);
    writeHex(out, 12, instance, 12);
    writeHex(out, 24, seq, 8);
    return new String(out);
  }

  private static void writeHex(char[] out, int offset, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      out[offset + i] = Character.forDigit((int) (value & 0xF), 16);
      value >>>= 4;
    }
  }
}
