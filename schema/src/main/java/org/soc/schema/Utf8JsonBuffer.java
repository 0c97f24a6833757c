package org.soc.schema;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A growable byte buffer that JSON tokens are written into as UTF-8, with the same bytes Jackson's
 * {@code UTF8JsonGenerator} writes with its default features (2.19): {@code "}, {@code \} and control characters
 * escaped ({@code \b \t \n \f \r}, else {@code \}{@code u00XX} in upper-case hex), other characters as UTF-8, and
 * every surrogate code unit, paired or not, as a {@code \}{@code uXXXX} escape
 * ({@code COMBINE_UNICODE_SURROGATES_IN_UTF8} is off by default).
 *
 * <p>Why not the generator: for an event's long strings ({@code event.original}, {@code message}) it copies each
 * string into a char buffer and walks it twice; this walks it once, straight into the output. Separators follow
 * from the last byte written: a name after anything but {@code {} gets a comma, and so does an array element
 * after anything but {@code [} (a value right after a name follows its {@code :}).
 *
 * <p>Public so that a collector can write its ECS document straight from what it decoded (the flow collector
 * does, with pre-encoded {@link Name}s and fragments and the direct-access methods {@link #reserve} and
 * {@link #commit}), without building an {@link Event} first; the output of both paths reads back as the same
 * {@link Event}.
 *
 * <p>Not thread-safe; {@link #reset()} makes it reusable.
 */
public final class Utf8JsonBuffer {
  /** For each ASCII character: 0 to write it as is, else the character after the backslash ('u' for \\u00XX). */
  private static final byte[] ESCAPES = new byte[128];
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  /** "00" to "99", two bytes each: numbers are spelled two digits per division. */
  private static final byte[] DIGIT_PAIRS = new byte[200];

  static {
    for (int i = 0; i < 100; i++) {
      DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
      DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = 'u';
    }
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
  }

  /** A field name encoded once: {@code "name":}. */
  public static final class Name {
    private final byte[] bytes;

    public Name(String name) {
      Utf8JsonBuffer b = new Utf8JsonBuffer(name.length() * 6 + 3);
      b.quoted(name);
      b.put((byte) ':');
      this.bytes = b.toByteArray();
    }
  }

  private byte[] buf;
  private int pos;
  /** Two recently written seconds and their {@code YYYY-MM-DDTHH:MM:SS} (see {@link #dateTime}). */
  private final long[] cachedSeconds = {Long.MIN_VALUE, Long.MIN_VALUE};
  private final byte[][] cachedDateTimes = {new byte[19], new byte[19]};
  private int nextSlot;

  /** {@code 0000-01-01T00:00:00Z} and {@code 9999-12-31T23:59:59.999999999Z}: four-digit years, no sign. */
  private static final long FAST_INSTANT_MIN_SECOND = -62_167_219_200L;
  private static final long FAST_INSTANT_MAX_SECOND = 253_402_300_799L;

  public Utf8JsonBuffer(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public void reset() {
    pos = 0;
  }

  public int size() {
    return pos;
  }

  /** The bytes of the backing array's capacity, for a caller deciding whether to keep this buffer. */
  public int capacity() {
    return buf.length;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  public void writeStartObject() {
    valueSeparator();
    put((byte) '{');
  }

  public void writeEndObject() {
    put((byte) '}');
  }

  public void writeStartArray() {
    valueSeparator();
    put((byte) '[');
  }

  public void writeEndArray() {
    put((byte) ']');
  }

  public void writeFieldName(Name name) {
    nameSeparator();
    byte[] b = name.bytes;
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  public void writeFieldName(String name) {
    nameSeparator();
    quoted(name);
    put((byte) ':');
  }

  public void writeString(String value) {
    valueSeparator();
    quoted(value);
  }

  public void writeString(char[] chars, int offset, int length) {
    valueSeparator();
    ensure(length * 6 + 2);
    byte[] b = buf;
    int p = pos;
    b[p++] = '"';
    for (int i = offset, end = offset + length; i < end; i++) {
      p = encode(b, p, chars[i]);
    }
    b[p++] = '"';
    pos = p;
  }

  public void writeNumber(int value) {
    writeNumber((long) value);
  }

  public void writeNumber(long value) {
    valueSeparator();
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        ascii("-9223372036854775808");
        return;
      }
      put((byte) '-');
      value = -value;
    }
    ensure(20);
    pos = digits(buf, pos, value);
  }

  /**
   * An instant as {@link Instant#toString()} ({@code DateTimeFormatter.ISO_INSTANT}) writes it, for the years
   * 0000 to 9999 straight into the buffer (other years through the JDK): seconds always, the fraction when not
   * zero in groups of three digits (3, 6 or 9). The JDK's path goes through a formatter, a StringBuilder and a
   * String; every event has two instants or more, and most of a batch's share their day, which is kept.
   */
  public void writeInstant(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FAST_INSTANT_MIN_SECOND || seconds > FAST_INSTANT_MAX_SECOND) {
      writeString(instant.toString());
      return;
    }
    byte[] dateTime = dateTime(seconds);
    valueSeparator();
    ensure(34);
    pos = instantAt(buf, pos, dateTime, instant.getNano());
  }

  /** The quoted instant of {@code dateTime} (from {@link #dateTime}) and {@code nano} at {@code p}. */
  private static int instantAt(byte[] b, int p, byte[] dateTime, int nano) {
    b[p++] = '"';
    System.arraycopy(dateTime, 0, b, p, dateTime.length);
    p += dateTime.length;
    if (nano > 0) {
      b[p++] = '.';
      if (nano % 1_000_000 == 0) {
        p = fixedDigits(b, p, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        p = fixedDigits(b, p, nano / 1_000, 6);
      } else {
        p = fixedDigits(b, p, nano, 9);
      }
    }
    b[p++] = 'Z';
    b[p++] = '"';
    return p;
  }

  /**
   * {@code YYYY-MM-DDTHH:MM:SS} of {@code seconds}, from a two-entry cache: a flow's start and end, or a log
   * line's timestamp and ingest time, alternate between two seconds, and nearly always share the day.
   */
  private byte[] dateTime(long seconds) {
    if (seconds == cachedSeconds[0]) {
      return cachedDateTimes[0];
    }
    if (seconds == cachedSeconds[1]) {
      return cachedDateTimes[1];
    }
    int slot = nextSlot;
    nextSlot = 1 - slot;
    byte[] c = cachedDateTimes[slot];
    long day = Math.floorDiv(seconds, 86_400L);
    long otherSecond = cachedSeconds[1 - slot];
    if (otherSecond != Long.MIN_VALUE && Math.floorDiv(otherSecond, 86_400L) == day) {
      System.arraycopy(cachedDateTimes[1 - slot], 0, c, 0, 11);
    } else {
      LocalDate date = LocalDate.ofEpochDay(day);
      fixedDigits(c, 0, date.getYear(), 4);
      c[4] = '-';
      fixedDigits(c, 5, date.getMonthValue(), 2);
      c[7] = '-';
      fixedDigits(c, 8, date.getDayOfMonth(), 2);
      c[10] = 'T';
    }
    int secondOfDay = (int) (seconds - day * 86_400L);
    fixedDigits(c, 11, secondOfDay / 3600, 2);
    c[13] = ':';
    fixedDigits(c, 14, secondOfDay / 60 % 60, 2);
    c[16] = ':';
    fixedDigits(c, 17, secondOfDay % 60, 2);
    cachedSeconds[slot] = seconds;
    return c;
  }

  /** A number as a JSON string ({@code "123"}), as labels carry numbers. */
  public void writeNumberAsString(long value) {
    if (value < 0) {
      writeString(Long.toString(value));
      return;
    }
    valueSeparator();
    ensure(22);
    buf[pos++] = '"';
    pos = digits(buf, pos, value);
    buf[pos++] = '"';
  }

  // Direct access, for the one writer whose document is large, of a known maximum size and written millions of
  // times a second (the flow collector's): it reserves room once and fills the array with a local position,
  // instead of a bounds check and two field updates per token.

  /**
   * Makes room for {@code more} bytes and returns the backing array, to be filled from {@link #size()} on and
   * then {@link #commit}ted; valid until the next call that may grow the buffer.
   */
  public byte[] reserve(int more) {
    ensure(more);
    return buf;
  }

  /** Ends a direct write: {@code size} bytes of the array {@link #reserve} returned are now the content. */
  public void commit(int size) {
    if (size < pos || size > buf.length) {
      throw new IllegalArgumentException("commit of " + size + " bytes with " + pos + " written and room for "
          + buf.length);
    }
    pos = size;
  }

  /**
   * The quoted instant {@link #appendInstant} writes, at {@code p} of the reserved array (room for 34 bytes, or
   * for the JDK's text of years outside 0000..9999); returns the position after it.
   */
  public int putInstant(int p, long epochSecond, int nano) {
    if (epochSecond < FAST_INSTANT_MIN_SECOND || epochSecond > FAST_INSTANT_MAX_SECOND) {
      String text = Instant.ofEpochSecond(epochSecond, nano).toString();
      buf[p++] = '"';
      for (int i = 0; i < text.length(); i++) {
        buf[p++] = (byte) text.charAt(i);
      }
      buf[p++] = '"';
      return p;
    }
    return instantAt(buf, p, dateTime(epochSecond), nano);
  }

  /** The decimal digits of {@code value} at {@code p} of {@code b} (room for 20 bytes); returns the new position. */
  public static int putDigits(byte[] b, int p, long value) {
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        for (byte c : "-9223372036854775808".getBytes(StandardCharsets.US_ASCII)) {
          b[p++] = c;
        }
        return p;
      }
      b[p++] = '-';
      value = -value;
    }
    return digits(b, p, value);
  }

  public void writeBoolean(boolean value) {
    valueSeparator();
    ascii(value ? "true" : "false");
  }

  public void writeNull() {
    valueSeparator();
    ascii("null");
  }

  private void quoted(String s) {
    int n = s.length();
    ensure(n * 6 + 2);
    byte[] b = buf;
    int p = pos;
    b[p++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && ESCAPES[c] == 0) {
        b[p++] = (byte) c;
      } else {
        p = encode(b, p, c);
      }
    }
    b[p++] = '"';
    pos = p;
  }

  /** One UTF-16 code unit at {@code p}, which has room for 6 bytes; returns the new position. */
  private static int encode(byte[] b, int p, char c) {
    if (c < 0x80) {
      byte escape = ESCAPES[c];
      if (escape == 0) {
        b[p++] = (byte) c;
      } else if (escape == 'u') {
        p = unicodeEscape(b, p, c);
      } else {
        b[p++] = '\\';
        b[p++] = escape;
      }
    } else if (c < 0x800) {
      b[p++] = (byte) (0xC0 | (c >> 6));
      b[p++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isSurrogate(c)) {
      p = unicodeEscape(b, p, c);
    } else {
      b[p++] = (byte) (0xE0 | (c >> 12));
      b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      b[p++] = (byte) (0x80 | (c & 0x3F));
    }
    return p;
  }

  private static int unicodeEscape(byte[] b, int p, char c) {
    b[p++] = '\\';
    b[p++] = 'u';
    b[p++] = HEX[(c >> 12) & 0xF];
    b[p++] = HEX[(c >> 8) & 0xF];
    b[p++] = HEX[(c >> 4) & 0xF];
    b[p++] = HEX[c & 0xF];
    return p;
  }

  /** Decimal digits of {@code v >= 0} at {@code p} (room for 19 assumed); returns the new position. */
  private static int digits(byte[] b, int p, long v) {
    int n = 1;
    for (long bound = 10; n < 19 && v >= bound; bound *= 10) {
      n++; // comparisons, not divisions; 19 digits is the most a positive long has
    }
    int end = p + n;
    int i = end;
    while (v >= Integer.MAX_VALUE) {
      long q = v / 10;
      b[--i] = (byte) ('0' + (v - q * 10));
      v = q;
    }
    int w = (int) v;
    while (w >= 100) {
      int q = w / 100;
      int pair = (w - q * 100) << 1;
      b[--i] = DIGIT_PAIRS[pair + 1];
      b[--i] = DIGIT_PAIRS[pair];
      w = q;
    }
    if (w >= 10) {
      b[--i] = DIGIT_PAIRS[(w << 1) + 1];
      b[--i] = DIGIT_PAIRS[w << 1];
    } else {
      b[--i] = (byte) ('0' + w);
    }
    return end;
  }

  /** {@code width} digits of {@code v}, zero-padded; returns the new position. */
  private static int fixedDigits(byte[] b, int p, int v, int width) {
    for (int i = p + width - 1; i >= p; i--) {
      int q = v / 10;
      b[i] = (byte) ('0' + (v - q * 10));
      v = q;
    }
    return p + width;
  }

  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  private void nameSeparator() {
    if (pos > 0 && buf[pos - 1] != '{') {
      put((byte) ',');
    }
  }

  private void valueSeparator() {
    if (pos > 0) {
      byte last = buf[pos - 1];
      if (last != ':' && last != '[') {
        put((byte) ',');
      }
    }
  }

  private void put(byte b) {
    ensure(1);
    buf[pos++] = b;
  }

  private void ensure(int more) {
    if (buf.length - pos < more) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }
}
