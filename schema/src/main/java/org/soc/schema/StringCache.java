package org.soc.schema;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Short strings that repeat from event to event (member names, categories, agency ids, label names, addresses),
 * looked up by their bytes so a repeated value costs no new string, and the string handed out already has its
 * hash (label maps and rule keys hash them again and again). Direct-mapped: a slot holds the last string that
 * hashed there, so memory is bounded and a miss only replaces one slot.
 *
 * <p>Thread-safe without locks: a slot holds an immutable entry and is read and written racily; a lost write is
 * a later miss, nothing worse.
 */
final class StringCache {
  /** Longer values (messages, event ids) are rarely repeated: they are not cached. */
  static final int MAX_LENGTH = 48;

  /** The bytes are kept beside the string so a hit is one vectorised comparison. */
  private record Entry(String value, byte[] bytes, int hash) {}

  private final Entry[] slots;
  private final int mask;

  /** @param slots a power of two */
  StringCache(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    this.slots = new Entry[slots];
    this.mask = slots - 1;
  }

  /** {@link String#hashCode} of ASCII bytes, step by step: {@code hash = step(hash, b)}. */
  static int step(int hash, int b) {
    return 31 * hash + b;
  }

  /**
   * The string of the ASCII bytes {@code bytes[offset, offset + length)}, whose {@link String#hashCode} is
   * {@code hash} (the caller computed it as it scanned them); the cached one when the same was seen last there.
   */
  String get(byte[] bytes, int offset, int length, int hash) {
    if (length > MAX_LENGTH) {
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
    int slot = (hash ^ (hash >>> 16)) & mask;
    Entry cached = slots[slot];
    if (cached != null && cached.hash == hash
        && Arrays.equals(cached.bytes, 0, cached.bytes.length, bytes, offset, offset + length)) {
      return cached.value;
    }
    String value = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    value.hashCode(); // computed now, from then on free wherever it is hashed
    slots[slot] = new Entry(value, Arrays.copyOfRange(bytes, offset, offset + length), hash);
    return value;
  }
}
