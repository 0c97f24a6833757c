package org.soc.correlation;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The binary form of {@link RawEvent} between the source and enrichment. Format version {@value #FORMAT_VERSION}:
 * value as a varint {@code length + 1} ({@code 0}: no value) and its bytes, topic ({@link CompactCodec} string),
 * partition (varint), offset and record timestamp (8 bytes each), late (one byte). Records are immutable (the
 * value array is never written to), so copies are the same instance. Stateless.
 */
public final class RawEventSerializer extends ConfigurationFreeSerializer<RawEvent> {
  private static final long serialVersionUID = 1L;

  static final int FORMAT_VERSION = 1;

  @Override public boolean isImmutableType() { return true; }
  @Override public RawEventSerializer duplicate() { return new RawEventSerializer(); }
  @Override public RawEvent createInstance() { return RawEvent.of(new byte[0], 0, 0); }
  @Override public RawEvent copy(RawEvent from) { return from; }
  @Override public RawEvent copy(RawEvent from, RawEvent reuse) { return from; }
  @Override public int getLength() { return -1; }

  @Override
  public void serialize(RawEvent e, DataOutputView out) throws IOException {
    byte[] value = e.value();
    CompactCodec.writeVarInt(out, value == null ? 0 : value.length + 1);
    if (value != null) {
      out.write(value);
    }
    CompactCodec.writeExactString(out, e.topic());
    CompactCodec.writeVarInt(out, e.partition());
    out.writeLong(e.offset());
    out.writeLong(e.recordTimestamp());
    out.writeBoolean(e.late());
  }

  @Override
  public RawEvent deserialize(DataInputView in) throws IOException {
    int marker = CompactCodec.readCount(in);
    byte[] value = null;
    if (marker > 0) {
      value = new byte[marker - 1];
      in.readFully(value);
    }
    String topic = CompactCodec.readExactString(in);
    if (topic == null) {
      throw new IOException("corrupt raw event: no topic");
    }
    return new RawEvent(value, topic, CompactCodec.readCount(in), in.readLong(), in.readLong(), in.readBoolean());
  }

  @Override
  public RawEvent deserialize(RawEvent reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<RawEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The format version only: raw events are never kept in state. */
  public static final class Snapshot extends FormatVersionSnapshot<RawEvent> {
    public Snapshot() {
      super("RawEvent", FORMAT_VERSION, RawEventSerializer::new);
    }
  }
}
