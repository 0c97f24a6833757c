package org.soc.schema;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over one UTF-8 JSON document, for {@link EventJsonReader}: members and typed values read straight from
 * the bytes, names and short ASCII values through {@link StringCache}s. Strict where Jackson is strict and
 * narrower where it is lenient or configurable: whatever it does not take for certain (a control character in a
 * string, malformed or over-long UTF-8, a number out of range, deep nesting, trailing bytes,
 * NaN) throws {@link NotTaken} and the document is left to databind, which then decides, so a document is never
 * read differently from how databind reads it. Why not Jackson's streaming parser: canonicalising every member
 * name ({@code ByteQuadsCanonicalizer}) and copying every value through its text buffer was most of reading an
 * event, the busiest step of the correlation job.
 *
 * <p>The value readers are called on the first byte of the value, after {@link #member()} has read the name and
 * its colon; {@link #member()} consumes the comma or the closing brace that follows the value.
 */
final class JsonCursor {
  /** Longer values are left to databind; Jackson's own limits (20 M chars, 50,000-char names) are far above. */
  private static final int MAX_STRING_BYTES = 1 << 20;
  private static final int MAX_NAME_BYTES = 1024;
  private static final int MAX_SKIPPED_DEPTH = 64;
  private static final int MAX_NUMBER_BYTES = 64;

  /** Stackless: thrown for every document left to databind. */
  static final class NotTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final NotTaken INSTANCE = new NotTaken();

    private NotTaken() {
      super(null, null, false, false);
    }
  }

  private final byte[] b;
  private final StringCache names;
  private final StringCache values;
  private int pos;
  /** Just after an opening brace: the next member has no comma before it. */
  private boolean first;

  JsonCursor(byte[] json, StringCache names, StringCache values) {
    this.b = json;
    this.names = names;
    this.values = values;
  }

  /** Consumes the root object's opening brace. */
  void openRoot() {
    skipWhitespace();
    expect('{');
    first = true;
  }

  /** After the root object: nothing but whitespace may follow. */
  void end() {
    skipWhitespace();
    if (pos != b.length) {
      throw NotTaken.INSTANCE;
    }
  }

  /** The next member's name (its colon consumed), or null at the object's closing brace (consumed). */
  String member() {
    return name(names);
  }

  /** {@link #member()}, the name through {@code cache}, or not kept when it is null (skipped members). */
  private String name(StringCache cache) {
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      first = false;
      return null;
    }
    if (!first) {
      expect(',');
      skipWhitespace();
    }
    first = false;
    expect('"');
    String name = quoted(cache, MAX_NAME_BYTES);
    skipWhitespace();
    expect(':');
    skipWhitespace();
    return name;
  }

  /** True on an object (its brace consumed), false on null; anything else is not taken. */
  boolean open() {
    if (peek() == '{') {
      pos++;
      first = true;
      return true;
    }
    literal("null");
    return false;
  }

  /** A string or null; short ASCII values from the value cache. */
  String string() {
    return string(values);
  }

  /** A string or null that is unique to its event (ids, messages, originals): not worth a cache slot. */
  String text() {
    return string(null);
  }

  private String string(StringCache cache) {
    if (peek() == '"') {
      pos++;
      return quoted(cache, MAX_STRING_BYTES);
    }
    literal("null");
    return null;
  }

  /** A whole number in int range, or null. */
  Integer integer() {
    if (peek() == 'n') {
      literal("null");
      return null;
    }
    long v = whole();
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw NotTaken.INSTANCE;
    }
    return (int) v;
  }

  /** A whole number in long range, or null. */
  Long longValue() {
    if (peek() == 'n') {
      literal("null");
      return null;
    }
    return whole();
  }

  Boolean bool() {
    return switch (peek()) {
      case 't' -> { literal("true"); yield Boolean.TRUE; }
      case 'f' -> { literal("false"); yield Boolean.FALSE; }
      default -> { literal("null"); yield null; }
    };
  }

  /** True on an array (its bracket consumed), false on null. */
  boolean openArray() {
    if (peek() == '[') {
      pos++;
      return true;
    }
    literal("null");
    return false;
  }

  /**
   * In an array: true before the next element (its comma consumed), false at the closing bracket (consumed).
   * {@code index} is the number of elements read so far.
   */
  boolean element(int index) {
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return false;
    }
    if (index > 0) {
      expect(',');
      skipWhitespace();
    }
    return true;
  }

  /** A string element of an array of strings (null elements are not taken). */
  String stringElement() {
    expect('"');
    return quoted(values, MAX_STRING_BYTES);
  }

  /** Skips a value of any kind, checking that it is well-formed JSON. */
  void skipValue() {
    skipValue(0);
  }

  private void skipValue(int depth) {
    if (depth > MAX_SKIPPED_DEPTH) {
      throw NotTaken.INSTANCE;
    }
    switch (peek()) {
      case '{' -> {
        pos++;
        first = true;
        while (name(null) != null) {
          skipValue(depth + 1);
        }
      }
      case '[' -> {
        pos++;
        for (int i = 0; element(i); i++) {
          skipValue(depth + 1);
        }
      }
      case '"' -> {
        pos++;
        quoted(null, MAX_STRING_BYTES);
      }
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> skipNumber();
    }
  }

  /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, as JSON has it. */
  private void skipNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else {
      digits(1);
    }
    if (pos < b.length && b[pos] == '.') {
      pos++;
      digits(1);
    }
    if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
      pos++;
      if (pos < b.length && (b[pos] == '+' || b[pos] == '-')) {
        pos++;
      }
      digits(1);
    }
    if (pos - start > MAX_NUMBER_BYTES || (pos < b.length && isDigit(b[pos]))) {
      throw NotTaken.INSTANCE;
    }
  }

  private void digits(int atLeast) {
    int start = pos;
    while (pos < b.length && isDigit(b[pos])) {
      pos++;
    }
    if (pos - start < atLeast) {
      throw NotTaken.INSTANCE;
    }
  }

  /** A JSON integer (no fraction, no exponent, no leading zero) in long range. */
  private long whole() {
    boolean negative = peek() == '-';
    if (negative) {
      pos++;
    }
    int start = pos;
    long v = 0;
    while (pos < b.length && isDigit(b[pos])) {
      int d = b[pos] - '0';
      // Accumulated negatively: Long.MIN_VALUE has no positive counterpart.
      if (v < (Long.MIN_VALUE + d) / 10) {
        throw NotTaken.INSTANCE;
      }
      v = v * 10 - d;
      pos++;
    }
    int n = pos - start;
    if (n == 0 || (n > 1 && b[start] == '0')) {
      throw NotTaken.INSTANCE;
    }
    if (pos < b.length && (b[pos] == '.' || b[pos] == 'e' || b[pos] == 'E')) {
      throw NotTaken.INSTANCE;  // a fraction for a whole number: databind coerces or rejects it
    }
    if (!negative && v == Long.MIN_VALUE) {
      throw NotTaken.INSTANCE;
    }
    return negative ? v : -v;
  }

  /** The rest of a string whose opening quote is consumed, through its closing quote. */
  private String quoted(StringCache cache, int maxBytes) {
    int start = pos;
    int limit = Math.min(b.length, start + maxBytes);
    int hash = 0;
    for (int i = start; i < limit; i++) {
      int c = b[i];
      if (c == '"') {
        pos = i + 1;
        int length = i - start;
        return cache != null ? cache.get(b, start, length, hash)
            : new String(b, start, length, StandardCharsets.ISO_8859_1);
      }
      if (c == '\\' || c < 0x20) {  // negative: a non-ASCII byte
        return decoded(start, limit);
      }
      hash = StringCache.step(hash, c);
    }
    throw NotTaken.INSTANCE;
  }

  /** A string with escapes or non-ASCII characters, from {@code start} (after its opening quote). */
  private String decoded(int start, int limit) {
    StringBuilder out = new StringBuilder(limit - start < 64 ? limit - start : 64);
    int i = start;
    while (i < limit) {
      int c = b[i] & 0xFF;
      if (c == '"') {
        pos = i + 1;
        return out.toString();
      }
      if (c < 0x20) {
        throw NotTaken.INSTANCE;  // Jackson rejects unescaped control characters by default
      }
      if (c == '\\') {
        i = escape(i + 1, limit, out);
      } else if (c < 0x80) {
        out.append((char) c);
        i++;
      } else {
        i = utf8(i, limit, c, out);
      }
    }
    throw NotTaken.INSTANCE;
  }

  private int escape(int i, int limit, StringBuilder out) {
    if (i >= limit) {
      throw NotTaken.INSTANCE;
    }
    switch (b[i]) {
      case '"' -> out.append('"');
      case '\\' -> out.append('\\');
      case '/' -> out.append('/');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'u' -> {
        if (i + 4 >= limit) {
          throw NotTaken.INSTANCE;
        }
        // One UTF-16 unit per escape, a lone surrogate included, as Jackson decodes them.
        out.append((char) (hex(b[i + 1]) << 12 | hex(b[i + 2]) << 8 | hex(b[i + 3]) << 4 | hex(b[i + 4])));
        return i + 5;
      }
      default -> throw NotTaken.INSTANCE;
    }
    return i + 1;
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    throw NotTaken.INSTANCE;
  }

  /** One well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF). */
  private int utf8(int i, int limit, int lead, StringBuilder out) {
    int n;
    int cp;
    int min2 = 0x80;
    int max2 = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      n = 2;
      cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      n = 3;
      cp = lead & 0x0F;
      if (lead == 0xE0) {
        min2 = 0xA0;
      } else if (lead == 0xED) {
        max2 = 0x9F;
      }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      n = 4;
      cp = lead & 0x07;
      if (lead == 0xF0) {
        min2 = 0x90;
      } else if (lead == 0xF4) {
        max2 = 0x8F;
      }
    } else {
      throw NotTaken.INSTANCE;
    }
    if (i + n > limit) {
      throw NotTaken.INSTANCE;
    }
    for (int k = 1; k < n; k++) {
      int c = b[i + k] & 0xFF;
      if (k == 1 ? c < min2 || c > max2 : (c & 0xC0) != 0x80) {
        throw NotTaken.INSTANCE;
      }
      cp = cp << 6 | (c & 0x3F);
    }
    out.appendCodePoint(cp);
    return i + n;
  }

  private void literal(String word) {
    int n = word.length();
    if (pos + n > b.length) {
      throw NotTaken.INSTANCE;
    }
    for (int k = 0; k < n; k++) {
      if (b[pos + k] != word.charAt(k)) {
        throw NotTaken.INSTANCE;
      }
    }
    pos += n;
    if (pos < b.length && isWordByte(b[pos])) {
      throw NotTaken.INSTANCE;  // "nullx", "true1": Jackson reports an unrecognized token
    }
  }

  private static boolean isWordByte(byte c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_' || c < 0;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhitespace() {
    while (pos < b.length) {
      byte c = b[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private int peek() {
    if (pos >= b.length) {
      throw NotTaken.INSTANCE;
    }
    return b[pos];
  }

  private int next() {
    if (pos >= b.length) {
      throw NotTaken.INSTANCE;
    }
    return b[pos++];
  }

  private void expect(char c) {
    if (next() != c) {
      throw NotTaken.INSTANCE;
    }
  }
}
