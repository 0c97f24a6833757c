package org.soc.collectors.netflow;

/** Big-endian unsigned reads; callers check bounds first. */
final class Bytes {
  private Bytes() {}

  static int u8(byte[] b, int o) {
    return b[o] & 0xFF;
  }

  static int u16(byte[] b, int o) {
    return ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
  }

  static long u32(byte[] b, int o) {
    return ((long) (b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
  }

  /**
   * Unsigned big-endian integer of 1..8 bytes (RFC 7011 section 6.2 reduced-size encoding); a value above
   * {@code Long.MAX_VALUE} saturates.
   */
  static long unsigned(byte[] b, int o, int len) {
    if (len == 8 && (b[o] & 0x80) != 0) {
      return Long.MAX_VALUE;
    }
    long v = 0;
    for (int i = 0; i < len; i++) {
      v = (v << 8) | (b[o + i] & 0xFF);
    }
    return v;
  }

  static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  static long saturatedMultiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return lo;
    }
    return Long.MAX_VALUE;
  }
}
