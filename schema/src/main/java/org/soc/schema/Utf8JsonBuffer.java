package org.soc.schema;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * does, with pre-encoded {@link Name}s and fragments), without building an {@link Event} first; the output of
 * both paths reads back as the same {@link Event}.
 *
 * <p>Not thread-safe; {@link #reset()} makes it reusable.
 */
public final class Utf8JsonBuffer {
  /** For each ASCII character: 0 to write it as is, else the character after the backslash ('u' for \\u00XX). */
  private static final byte[] ESCAPES = new byte[128];
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  static {
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
  private final char[] instantChars = new char[EventJsonWriter.MAX_FAST_INSTANT_LENGTH];

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
    if (value == Long.MIN_VALUE) {
      ascii("-9223372036854775808");
      return;
    }
    ensure(20);
    long v = value;
    if (v < 0) {
      buf[pos++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    int end = pos + digits;
    for (int i = end - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    pos = end;
  }

  /**
   * A string value of {@code length} ASCII bytes that need no escaping (digits, dots, hex, ...), copied as
   * they are; the caller vouches for the bytes.
   */
  public void writeAsciiString(byte[] ascii, int offset, int length) {
    valueSeparator();
    ensure(length + 2);
    byte[] b = buf;
    int p = pos;
    b[p++] = '"';
    System.arraycopy(ascii, offset, b, p, length);
    p += length;
    b[p++] = '"';
    pos = p;
  }

  /**
   * Pre-encoded members of the current object ({@code "a":1,"b":"x"}, from a buffer of their own), copied
   * with the separator a name would get. For parts every event of a batch shares.
   */
  public void writeRawMembers(byte[] members) {
    nameSeparator();
    ensure(members.length);
    System.arraycopy(members, 0, buf, pos, members.length);
    pos += members.length;
  }

  /** An instant as {@link Instant#toString()} writes it (see {@link EventJsonWriter#formatInstant}). */
  public void writeInstant(Instant instant) {
    int length = EventJsonWriter.formatInstant(instant, instantChars);
    if (length < 0) {
      writeString(instant.toString());
    } else {
      writeString(instantChars, 0, length);
    }
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
