package org.soc.correlation;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.soc.rules.SecurityEvent;

/**
 * A compact binary form of the rules' fact, for the keyed state of {@link RuleEvaluator} and (inside
 * {@link RoutedFactSerializer}) the records crossing the key-space keyBy. It replaces length-prefixed JSON, which
 * took about a third of the job's CPU in state snapshots and a tenth between operators.
 *
 * <p>Format version {@value #FORMAT_VERSION}, the fields in this order ({@link CompactCodec} for the primitives):
 * event id (string), timestamp (8 bytes, big-endian), organization id, organization name (strings), categories
 * (string list), action, outcome, source ip (strings), source port (nullable int), destination ip (string),
 * destination port (nullable int), user name, host name (strings), kind (one byte: 0 null, 1 {@code event},
 * 2 {@code alert}, 3 another string, which follows), types (string list), transport (string), labels (string
 * map). A list is a varint count and its elements, a map a varint count and its key/value pairs; elements, keys
 * and values are never null ({@code List.copyOf}/{@code Map.copyOf} in the fact's setters). Any change to this
 * layout raises {@link #FORMAT_VERSION}, and {@link Snapshot} then decides what older state needs.
 *
 * <p>Facts are treated as immutable once built (see {@link SecurityEvent}), so {@link #copy(SecurityEvent)}
 * returns the same instance and {@link #isImmutableType()} is true, as with the JSON serializer before. The
 * instance keeps a scratch buffer and an intern table ({@link CompactCodec#readInterned}) for decoding strings:
 * it is not thread-safe and {@link #duplicate()} returns a new one. All instances are equal.
 */
public final class SecurityEventSerializer extends ConfigurationFreeSerializer<SecurityEvent> {
  private static final long serialVersionUID = 1L;

  /** The layout described above; the snapshot's version. */
  static final int FORMAT_VERSION = 1;

  private static final int KIND_NULL = 0;
  private static final int KIND_EVENT = 1;
  private static final int KIND_ALERT = 2;
  private static final int KIND_OTHER = 3;

  private transient CompactCodec codec;

  public SecurityEventSerializer() {}

  CompactCodec codec() {
    if (codec == null) {
      codec = new CompactCodec();
    }
    return codec;
  }

  @Override public boolean isImmutableType() { return true; }
  @Override public SecurityEventSerializer duplicate() { return new SecurityEventSerializer(); }
  @Override public SecurityEvent createInstance() { return new SecurityEvent(); }
  /** The same instance: facts are not modified once built. */
  @Override public SecurityEvent copy(SecurityEvent from) { return from; }
  /** The same instance: facts are not modified once built. */
  @Override public SecurityEvent copy(SecurityEvent from, SecurityEvent reuse) { return from; }
  @Override public int getLength() { return -1; }

  @Override
  public void serialize(SecurityEvent e, DataOutputView out) throws IOException {
    CompactCodec.writeString(out, e.getEventId());
    out.writeLong(e.getTimestamp());
    CompactCodec.writeString(out, e.getOrganizationId());
    CompactCodec.writeString(out, e.getOrganizationName());
    writeList(out, e.getCategories());
    CompactCodec.writeString(out, e.getAction());
    CompactCodec.writeString(out, e.getOutcome());
    CompactCodec.writeString(out, e.getSourceIp());
    CompactCodec.writeNullableInt(out, e.getSourcePort());
    CompactCodec.writeString(out, e.getDestinationIp());
    CompactCodec.writeNullableInt(out, e.getDestinationPort());
    CompactCodec.writeString(out, e.getUserName());
    CompactCodec.writeString(out, e.getHostName());
    writeKind(out, e.getKind());
    writeList(out, e.getTypes());
    CompactCodec.writeString(out, e.getTransport());
    writeMap(out, e.getLabels());
  }

  @Override
  public SecurityEvent deserialize(DataInputView in) throws IOException {
    CompactCodec c = codec();
    SecurityEvent e = new SecurityEvent();
    e.setEventId(c.readString(in));
    e.setTimestamp(in.readLong());
    e.setOrganizationId(c.readInterned(in));
    e.setOrganizationName(c.readInterned(in));
    e.setCategories(readList(c, in));
    e.setAction(c.readInterned(in));
    e.setOutcome(c.readInterned(in));
    e.setSourceIp(c.readString(in));
    e.setSourcePort(CompactCodec.readNullableInt(in));
    e.setDestinationIp(c.readString(in));
    e.setDestinationPort(CompactCodec.readNullableInt(in));
    e.setUserName(c.readInterned(in));
    e.setHostName(c.readInterned(in));
    e.setKind(readKind(c, in));
    e.setTypes(readList(c, in));
    e.setTransport(c.readInterned(in));
    e.setLabels(readMap(c, in));
    return e;
  }

  @Override
  public SecurityEvent deserialize(SecurityEvent reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  /** Copies one serialized fact field by field, without decoding its strings. */
  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    CompactCodec c = codec();
    c.copyString(in, out);
    out.writeLong(in.readLong());
    c.copyString(in, out);
    c.copyString(in, out);
    copyList(c, in, out);
    c.copyString(in, out);
    c.copyString(in, out);
    c.copyString(in, out);
    CompactCodec.copyNullableInt(in, out);
    c.copyString(in, out);
    CompactCodec.copyNullableInt(in, out);
    c.copyString(in, out);
    c.copyString(in, out);
    int kind = in.readUnsignedByte();
    out.writeByte(kind);
    if (kind == KIND_OTHER) {
      c.copyString(in, out);
    }
    copyList(c, in, out);
    c.copyString(in, out);
    int labels = CompactCodec.readCount(in);
    CompactCodec.writeVarInt(out, labels);
    for (int i = 0; i < 2 * labels; i++) {
      c.copyString(in, out);
    }
  }

  private static void writeKind(DataOutputView out, String kind) throws IOException {
    if (kind == null) {
      out.writeByte(KIND_NULL);
    } else if (kind.equals(SecurityEvent.KIND_EVENT)) {
      out.writeByte(KIND_EVENT);
    } else if (kind.equals(SecurityEvent.KIND_ALERT)) {
      out.writeByte(KIND_ALERT);
    } else {
      out.writeByte(KIND_OTHER);
      CompactCodec.writeString(out, kind);
    }
  }

  private static String readKind(CompactCodec c, DataInputView in) throws IOException {
    int kind = in.readUnsignedByte();
    return switch (kind) {
      case KIND_NULL -> null;
      case KIND_EVENT -> SecurityEvent.KIND_EVENT;
      case KIND_ALERT -> SecurityEvent.KIND_ALERT;
      case KIND_OTHER -> c.readInterned(in);
      default -> throw new IOException("corrupt fact: unknown kind tag " + kind);
    };
  }

  private static void writeList(DataOutputView out, List<String> list) throws IOException {
    int size = list.size();
    CompactCodec.writeVarInt(out, size);
    for (int i = 0; i < size; i++) {
      CompactCodec.writeString(out, list.get(i));
    }
  }

  private static List<String> readList(CompactCodec c, DataInputView in) throws IOException {
    int size = CompactCodec.readCount(in);
    if (size == 0) {
      return List.of();
    }
    if (size == 1) {
      return c.readInternedSingleton(in);
    }
    String[] elements = new String[size];
    for (int i = 0; i < size; i++) {
      elements[i] = c.readNonNullInterned(in);
    }
    // List.of(array) is immutable already, so the setter's List.copyOf keeps it as it is.
    return List.of(elements);
  }

  private static void copyList(CompactCodec c, DataInputView in, DataOutputView out) throws IOException {
    int size = CompactCodec.readCount(in);
    CompactCodec.writeVarInt(out, size);
    for (int i = 0; i < size; i++) {
      c.copyString(in, out);
    }
  }

  private static void writeMap(DataOutputView out, Map<String, String> map) throws IOException {
    CompactCodec.writeVarInt(out, map.size());
    for (Map.Entry<String, String> entry : map.entrySet()) {
      CompactCodec.writeString(out, entry.getKey());
      CompactCodec.writeString(out, entry.getValue());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> readMap(CompactCodec c, DataInputView in) throws IOException {
    int size = CompactCodec.readCount(in);
    if (size == 0) {
      return Map.of();
    }
    Map.Entry<String, String>[] entries = new Map.Entry[size];
    for (int i = 0; i < size; i++) {
      entries[i] = Map.entry(c.readNonNullInterned(in), c.readNonNullInterned(in));
    }
    try {
      return Map.ofEntries(entries);
    } catch (IllegalArgumentException duplicate) {
      throw new IOException("corrupt fact: " + duplicate.getMessage(), duplicate);
    }
  }

  @Override
  public TypeSerializerSnapshot<SecurityEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * Carries only the format version (Flink writes {@link #getCurrentVersion()} before the snapshot and hands it
   * back to {@link #readSnapshot}). The same version is compatible as is; state written by the JSON serializer
   * this one replaced ({@link JsonTypeSerializer} of {@link SecurityEvent}) is compatible after migration, so a
   * savepoint of the JSON job restores: Flink reads it with the JSON serializer and writes it in this form.
   */
  public static final class Snapshot extends FormatVersionSnapshot<SecurityEvent> {
    public Snapshot() {
      super("SecurityEvent", FORMAT_VERSION, SecurityEventSerializer::new);
    }

    @Override
    TypeSerializerSchemaCompatibility<SecurityEvent> otherCompatibility(
        TypeSerializerSnapshot<SecurityEvent> oldSnapshot) {
      return oldSnapshot instanceof JsonTypeSerializer.Snapshot<?> json && json.type() == SecurityEvent.class
          ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
