package org.soc.schema;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the primitives of {@link EventBinary} from one record's bytes. Every read is bounds-checked: a record cut
 * short or corrupted is a {@link MalformedEventException} naming what was wrong and where, never an index
 * error or a garbage event. Short ASCII strings come from a {@link StringCache}, as in the JSON reader.
 */
final class BinaryEventInput {
  private final byte[] b;
  private final StringCache cache;
  private int pos;

  BinaryEventInput(byte[] bytes, int offset, StringCache cache) {
    this.b = bytes;
    this.pos = offset;
    this.cache = cache;
  }

  boolean atEnd() {
    return pos == b.length;
  }

  int position() {
    return pos;
  }

  MalformedEventException corrupt(String what) {
    return new MalformedEventException("corrupt binary event at byte " + pos + ": " + what, null);
  }

  private void need(int n) {
    if (n > b.length - pos) {
      throw corrupt("needs " + n + " more bytes, " + (b.length - pos) + " left");
    }
  }

  int readUnsignedByte() {
    need(1);
    return b[pos++] & 0xFF;
  }

  /** A presence byte: 0 absent, 1 present. */
  boolean present() {
    int v = readUnsignedByte();
    if (v > 1) {
      pos--;
      throw corrupt("presence byte " + v);
    }
    return v == 1;
  }

  int readVarInt() {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int v = readUnsignedByte();
      value |= (v & 0x7F) << shift;
      if ((v & 0x80) == 0) {
        return value;
      }
    }
    throw corrupt("varint longer than 5 bytes");
  }

  /** A count that must fit what is left (each element takes at least {@code minBytes}). */
  int readCount(int minBytes) {
    int count = readVarInt();
    if (count < 0 || (long) count * minBytes > b.length - pos) {
      throw corrupt("count " + count + " exceeds the record");
    }
    return count;
  }

  long readLong() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[pos++] & 0xFF);
    }
    return v;
  }

  int readInt() {
    need(4);
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (b[pos++] & 0xFF);
    }
    return v;
  }

  Integer readNullableInt() {
    long marker = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift > 35) {
        throw corrupt("nullable int longer than 5 bytes");
      }
      int v = readUnsignedByte();
      marker |= (long) (v & 0x7F) << shift;
      if ((v & 0x80) == 0) {
        break;
      }
    }
    if (marker == 0) {
      return null;
    }
    if (marker > 0x1_0000_0000L) {
      throw corrupt("nullable int out of range");
    }
    int zigzag = (int) (marker - 1);
    return (zigzag >>> 1) ^ -(zigzag & 1);
  }

  /** A string as {@link BinaryEventOutput#writeString} wrote it; short ASCII ones through the cache. */
  String readString() {
    int marker = readVarInt();
    if (marker == 0) {
      return null;
    }
    if (marker < 0) {
      throw corrupt("string marker " + marker);
    }
    int length = (marker - 1) >>> 1;
    if ((marker & 1) == 0) {
      need(2 * length);
      char[] chars = new char[length];
      for (int i = 0; i < length; i++) {
        chars[i] = (char) (((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF));
        pos += 2;
      }
      return new String(chars);
    }
    need(length);
    int start = pos;
    int hash = 0;
    for (int i = start, end = start + length; i < end; i++) {
      int c = b[i];
      if (c < 0) {
        return utf8(start, length);
      }
      hash = StringCache.step(hash, c);
    }
    pos = start + length;
    return cache.get(b, start, length, hash);
  }

  String readNonNullString(String what) {
    String s = readString();
    if (s == null) {
      throw corrupt("null " + what);
    }
    return s;
  }

  /** Not ASCII: decoded strictly, since the writer only writes well-formed UTF-8 (anything else is corrupt). */
  private String utf8(int start, int length) {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, start, length));
      pos = start + length;
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw corrupt("malformed UTF-8 in a string of " + length + " bytes");
    }
  }
}
