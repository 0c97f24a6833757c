package org.soc.schema;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The growing byte array {@link EventBinary} writes an event into, with the format's primitives. One per event
 * written: the publisher is called from several event loops at once.
 */
final class BinaryEventOutput {
  private byte[] buf;
  private int size;

  BinaryEventOutput(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      long wanted = Math.max((long) buf.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("event too large to encode: " + wanted + " bytes");
      }
      buf = Arrays.copyOf(buf, (int) wanted);
    }
  }

  void writeByte(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  /** Unsigned varint: 7 bits a byte, least significant group first. */
  void writeVarInt(int value) {
    ensure(5);
    while ((value & ~0x7F) != 0) {
      buf[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buf[size++] = (byte) value;
  }

  void writeLong(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
  }

  void writeInt(int v) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
  }

  /**
   * Varint {@code 0} is null, {@code 2n + 1} is followed by {@code n} bytes of UTF-8, {@code 2n + 2} by
   * {@code n} big-endian UTF-16 chars: only for a string with a lone surrogate (hostile input can carry one in
   * a JSON escape), which UTF-8 cannot hold, so every string comes back exactly as it was.
   */
  void writeString(String s) {
    if (s == null) {
      writeByte(0);
      return;
    }
    if (isAscii(s)) {
      int n = s.length();
      writeVarInt(marker(n, 1));
      ensure(n);
      s.getBytes(0, n, buf, size); // ASCII: one byte per char, the deprecated method is exact here
      size += n;
      return;
    }
    if (LoneSurrogates.in(s)) {
      writeVarInt(marker(s.length(), 2));
      ensure(2 * s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        buf[size++] = (byte) (c >>> 8);
        buf[size++] = (byte) c;
      }
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    writeVarInt(marker(utf8.length, 1));
    ensure(utf8.length);
    System.arraycopy(utf8, 0, buf, size, utf8.length);
    size += utf8.length;
  }

  /** Zig-zag plus one, as a varint; {@code 0} is null (a port takes one to three bytes). */
  void writeNullableInt(Integer value) {
    if (value == null) {
      writeByte(0);
      return;
    }
    int v = value;
    long marker = (((long) ((v << 1) ^ (v >> 31))) & 0xFFFF_FFFFL) + 1;
    ensure(5);
    while ((marker & ~0x7FL) != 0) {
      buf[size++] = (byte) ((marker & 0x7F) | 0x80);
      marker >>>= 7;
    }
    buf[size++] = (byte) marker;
  }

  private static int marker(int length, int tag) {
    if (length > (Integer.MAX_VALUE - tag) / 2) {
      throw new IllegalArgumentException("string of " + length + " units is too long to encode");
    }
    return 2 * length + tag;
  }

  private static boolean isAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
