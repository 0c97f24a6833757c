package org.soc.correlation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The primitives of the facts' binary form ({@link SecurityEventSerializer}, {@link RoutedFactSerializer}).
 *
 * <ul>
 *   <li>unsigned varint: 7 bits a byte, least significant group first, high bit set on all but the last byte;
 *   <li>string: varint {@code n + 1} then the {@code n} bytes of its UTF-8 form; varint {@code 0} is null. Any
 *       length a Java array can hold (unlike {@code writeUTF}'s 64 KiB), one byte of overhead below 127 bytes;
 *   <li>nullable int: varint of its zig-zag form plus one; {@code 0} is null (a port takes one to three bytes).
 * </ul>
 *
 * <p>A string holding a lone surrogate (not valid Unicode, so never the result of decoding UTF-8 input) comes
 * back with {@code ?} in its place, as {@link String#getBytes(java.nio.charset.Charset)} encodes it.
 *
 * <p>Writing is stateless. Reading decodes strings through a scratch buffer, so an instance belongs to one
 * serializer instance, which is why those serializers' {@code duplicate()} makes a new one.
 */
final class CompactCodec {
  /** Scratch buffers up to this size are kept for the next string; a larger string gets its own array. */
  private static final int MAX_RETAINED = 64 * 1024;

  private byte[] scratch = new byte[256];

  static void writeVarInt(DataOutputView out, int value) throws IOException {
    while ((value & ~0x7F) != 0) {
      out.writeByte((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.writeByte(value);
  }

  static int readVarInt(DataInputView in) throws IOException {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("corrupt fact: varint longer than 5 bytes");
  }

  /** A count (list size, string length): a varint that must not be negative. */
  static int readCount(DataInputView in) throws IOException {
    int count = readVarInt(in);
    if (count < 0) {
      throw new IOException("corrupt fact: negative count " + count);
    }
    return count;
  }

  static void copyVarInt(DataInputView in, DataOutputView out) throws IOException {
    for (int i = 0; i < 5; i++) {
      int b = in.readUnsignedByte();
      out.writeByte(b);
      if ((b & 0x80) == 0) {
        return;
      }
    }
    throw new IOException("corrupt fact: varint longer than 5 bytes");
  }

  static void writeString(DataOutputView out, String s) throws IOException {
    if (s == null) {
      out.writeByte(0);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    writeVarInt(out, bytes.length + 1);
    out.write(bytes);
  }

  String readString(DataInputView in) throws IOException {
    int marker = readCount(in);
    if (marker == 0) {
      return null;
    }
    int length = marker - 1;
    byte[] buffer = buffer(length);
    in.readFully(buffer, 0, length);
    return new String(buffer, 0, length, StandardCharsets.UTF_8);
  }

  /** A string that must be present (a list element, a map key or value). */
  String readNonNullString(DataInputView in) throws IOException {
    String s = readString(in);
    if (s == null) {
      throw new IOException("corrupt fact: null where a collection element was expected");
    }
    return s;
  }

  /**
   * Copies one serialized string without decoding it. Through the scratch buffer rather than
   * {@code out.write(in, n)}: {@code DataOutputSerializer} does not grow its buffer for the latter.
   */
  void copyString(DataInputView in, DataOutputView out) throws IOException {
    int marker = readCount(in);
    writeVarInt(out, marker);
    if (marker > 1) {
      int length = marker - 1;
      byte[] buffer = buffer(length);
      in.readFully(buffer, 0, length);
      out.write(buffer, 0, length);
    }
  }

  /** The scratch buffer if it holds {@code length} bytes, else a larger one (kept unless past the cap). */
  private byte[] buffer(int length) {
    byte[] buffer = scratch;
    if (length > buffer.length) {
      buffer = new byte[Math.max(length, buffer.length * 2)];
      if (buffer.length <= MAX_RETAINED) {
        scratch = buffer;
      }
    }
    return buffer;
  }

  static void writeNullableInt(DataOutputView out, Integer value) throws IOException {
    if (value == null) {
      out.writeByte(0);
      return;
    }
    int v = value;
    long zigzag = ((long) ((v << 1) ^ (v >> 31))) & 0xFFFF_FFFFL;
    long marker = zigzag + 1;
    while ((marker & ~0x7FL) != 0) {
      out.writeByte((int) ((marker & 0x7F) | 0x80));
      marker >>>= 7;
    }
    out.writeByte((int) marker);
  }

  static Integer readNullableInt(DataInputView in) throws IOException {
    long marker = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift > 35) {
        throw new IOException("corrupt fact: nullable int longer than 5 bytes");
      }
      int b = in.readUnsignedByte();
      marker |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (marker == 0) {
      return null;
    }
    if (marker > 0x1_0000_0000L) {
      throw new IOException("corrupt fact: nullable int out of range");
    }
    int zigzag = (int) (marker - 1);
    return (zigzag >>> 1) ^ -(zigzag & 1);
  }

  static void copyNullableInt(DataInputView in, DataOutputView out) throws IOException {
    copyVarInt(in, out);
  }
}
