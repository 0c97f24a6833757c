package org.soc.correlation;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.soc.rules.SecurityEvent;

/**
 * The binary form of what crosses the key-space keyBy: space (string), key (string), then a presence byte
 * (0 no fact, 1 a fact) and the fact in {@link SecurityEventSerializer}'s form; strings as in
 * {@link CompactCodec}. Format version {@value #FORMAT_VERSION}; it embeds the fact's format, so a new
 * {@link SecurityEventSerializer#FORMAT_VERSION} raises this one too.
 *
 * <p>Like the fact, a routed fact is immutable (a record holding a fact nobody modifies), so copies are the same
 * instance. {@link #duplicate()} returns a new instance (the fact serializer's scratch buffer); all are equal.
 */
public final class RoutedFactSerializer extends ConfigurationFreeSerializer<RoutedFact> {
  private static final long serialVersionUID = 1L;

  /** The layout described above; the snapshot's version. */
  static final int FORMAT_VERSION = 1;

  private final SecurityEventSerializer facts = new SecurityEventSerializer();

  public RoutedFactSerializer() {}

  @Override public boolean isImmutableType() { return true; }
  @Override public RoutedFactSerializer duplicate() { return new RoutedFactSerializer(); }
  @Override public RoutedFact createInstance() { return new RoutedFact("", "", facts.createInstance()); }
  /** The same instance: routed facts are not modified once built. */
  @Override public RoutedFact copy(RoutedFact from) { return from; }
  /** The same instance: routed facts are not modified once built. */
  @Override public RoutedFact copy(RoutedFact from, RoutedFact reuse) { return from; }
  @Override public int getLength() { return -1; }

  @Override
  public void serialize(RoutedFact record, DataOutputView out) throws IOException {
    CompactCodec.writeString(out, record.space());
    CompactCodec.writeString(out, record.key());
    SecurityEvent fact = record.fact();
    if (fact == null) {
      out.writeByte(0);
    } else {
      out.writeByte(1);
      facts.serialize(fact, out);
    }
  }

  @Override
  public RoutedFact deserialize(DataInputView in) throws IOException {
    CompactCodec codec = facts.codec();
    String space = codec.readInterned(in);
    String key = codec.readString(in);
    return new RoutedFact(space, key, readFact(in));
  }

  private SecurityEvent readFact(DataInputView in) throws IOException {
    int present = in.readUnsignedByte();
    return switch (present) {
      case 0 -> null;
      case 1 -> facts.deserialize(in);
      default -> throw new IOException("corrupt routed fact: presence byte " + present);
    };
  }

  @Override
  public RoutedFact deserialize(RoutedFact reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    CompactCodec codec = facts.codec();
    codec.copyString(in, out);
    codec.copyString(in, out);
    int present = in.readUnsignedByte();
    out.writeByte(present);
    if (present == 1) {
      facts.copy(in, out);
    } else if (present != 0) {
      throw new IOException("corrupt routed fact: presence byte " + present);
    }
  }

  @Override
  public TypeSerializerSnapshot<RoutedFact> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * Carries only the format version. Routed facts cross the keyBy in front of the rules and are the evaluator's
   * operator state (retained and queued facts); the same version is compatible as is.
   */
  public static final class Snapshot extends FormatVersionSnapshot<RoutedFact> {
    public Snapshot() {
      super("RoutedFact", FORMAT_VERSION, RoutedFactSerializer::new);
    }
  }
}
