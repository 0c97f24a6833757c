package org.soc.correlation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.soc.schema.LoneSurrogates;

/**
 * The primitives of the binary forms of facts and events ({@link SecurityEventSerializer},
 * {@link RoutedFactSerializer}, {@link EventSerializer}).
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
    int length = readCount(in) - 1;
    return length < 0 ? null : new String(readBytes(in, length), 0, length, StandardCharsets.UTF_8);
  }

  /** The next {@code length} bytes, in the scratch buffer (or a larger one). */
  private byte[] readBytes(DataInputView in, int length) throws IOException {
    byte[] buffer = buffer(length);
    in.readFully(buffer, 0, length);
    return buffer;
  }

  /** Slots of the intern table; strings longer than {@link #MAX_INTERNED_BYTES} are never interned. */
  private static final int INTERNED_SLOTS = 1024;
  private static final int MAX_INTERNED_BYTES = 64;
  /** Made on first use: the bytes, the string and the one-element list of each slot's interned value. */
  private byte[][] internedBytes;
  private String[] interned;
  private List<String>[] internedSingletons;
  private int lastSlot = -1;

  /**
   * As {@link #readString}, for fields of few distinct values (agency, category, action, outcome, label names):
   * a value read before is returned as the same instance, without a new string. Why: the evaluator retains
   * every fact for its window, and a heap histogram of the throughput benchmark held 11 strings per retained
   * fact, 600 MB of its 1.4 GB live set; one agency id or category per fact costs the old generation and every
   * collection that copies it. A direct-mapped table: a miss replaces the slot, so the memory is bounded.
   */
  String readInterned(DataInputView in) throws IOException {
    lastSlot = -1;
    int length = readCount(in) - 1;
    if (length < 0) {
      return null;
    }
    byte[] buffer = readBytes(in, length);
    if (length > MAX_INTERNED_BYTES) {
      return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }
    if (interned == null) {
      internedBytes = new byte[INTERNED_SLOTS][];
      interned = new String[INTERNED_SLOTS];
      @SuppressWarnings("unchecked")
      List<String>[] lists = new List[INTERNED_SLOTS];
      internedSingletons = lists;
    }
    int hash = 1;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + buffer[i];
    }
    int slot = (hash ^ (hash >>> 16)) & (INTERNED_SLOTS - 1);
    lastSlot = slot;
    byte[] known = internedBytes[slot];
    if (known != null && Arrays.equals(known, 0, known.length, buffer, 0, length)) {
      return interned[slot];
    }
    String value = new String(buffer, 0, length, StandardCharsets.UTF_8);
    internedBytes[slot] = Arrays.copyOf(buffer, length);
    interned[slot] = value;
    internedSingletons[slot] = null;
    return value;
  }

  /** An interned string that must be present (a list element, a map key or value). */
  String readNonNullInterned(DataInputView in) throws IOException {
    String s = readInterned(in);
    if (s == null) {
      throw new IOException("corrupt fact: null where a collection element was expected");
    }
    return s;
  }

  /** A one-element list of an interned string, the same list for the same string while it stays interned. */
  List<String> readInternedSingleton(DataInputView in) throws IOException {
    String element = readNonNullInterned(in);
    if (lastSlot < 0) {
      return List.of(element); // too long to intern
    }
    List<String> list = internedSingletons[lastSlot];
    if (list == null) {
      list = List.of(element);
      internedSingletons[lastSlot] = list;
    }
    return list;
  }

  /**
   * A string exactly as Java holds it, lone surrogates included (hostile input can carry them in JSON escapes,
   * and an event is indexed as it arrived). Varint {@code 0} is null, {@code 2n + 1} is followed by {@code n}
   * bytes of UTF-8, {@code 2n + 2} by {@code n} UTF-16 chars (only for a string with a lone surrogate, which
   * UTF-8 cannot hold: its encoder writes {@code ?} for one, so only a string whose UTF-8 has a {@code ?} is
   * checked further).
   */
  static void writeExactString(DataOutputView out, String s) throws IOException {
    if (s == null) {
      out.writeByte(0);
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    if (hasQuestionMark(utf8) && LoneSurrogates.in(s)) {
      writeVarInt(out, checkedMarker(s.length(), 2));
      out.writeChars(s);
      return;
    }
    writeVarInt(out, checkedMarker(utf8.length, 1));
    out.write(utf8);
  }

  /** Reads what {@link #writeExactString} wrote. */
  static String readExactString(DataInputView in) throws IOException {
    int marker = readCount(in);
    if (marker == 0) {
      return null;
    }
    int length = (marker - 1) >>> 1;
    if ((marker & 1) == 1) {
      byte[] utf8 = new byte[length];
      in.readFully(utf8);
      return new String(utf8, StandardCharsets.UTF_8);
    }
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = in.readChar();
    }
    return new String(chars);
  }

  private static int checkedMarker(int length, int tag) throws IOException {
    if (length > (Integer.MAX_VALUE - tag) / 2) {
      throw new IOException("string of " + length + " units is too long to serialize");
    }
    return 2 * length + tag;
  }

  private static boolean hasQuestionMark(byte[] utf8) {
    for (byte b : utf8) {
      if (b == '?') {
        return true;
      }
    }
    return false;
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
