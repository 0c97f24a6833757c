package org.soc.correlation;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.soc.schema.Event;
import org.soc.schema.EventBinary;
import org.soc.schema.MalformedEventException;

/**
 * Flink's serializer of {@link Event}, for the enriched events on their way to the events sink: the events
 * topic's own binary form ({@link EventBinary}), length-prefixed, so the job has one binary layout of an event
 * and not two. The round trip is exact, empty strings and lone surrogates included.
 *
 * <p>Format version {@value #FORMAT_VERSION}: a varint length, then that many bytes of {@link EventBinary}
 * (version 2 was this serializer's own layout of the same components).
 *
 * <p>Events are immutable records, so copies are the same instance. Decoding goes through the codec's string
 * cache, which is why {@link #duplicate()} makes a new instance.
 */
public final class EventSerializer extends ConfigurationFreeSerializer<Event> {
  private static final long serialVersionUID = 1L;

  static final int FORMAT_VERSION = 3;

  private transient EventBinary binary;

  @Override public boolean isImmutableType() { return true; }
  @Override public EventSerializer duplicate() { return new EventSerializer(); }
  @Override public Event createInstance() { return Event.builder().build(); }
  @Override public Event copy(Event from) { return from; }
  @Override public Event copy(Event from, Event reuse) { return from; }
  @Override public int getLength() { return -1; }

  private EventBinary binary() {
    if (binary == null) {
      binary = new EventBinary();
    }
    return binary;
  }

  @Override
  public void serialize(Event e, DataOutputView out) throws IOException {
    byte[] bytes = binary().toBytes(e);
    CompactCodec.writeVarInt(out, bytes.length);
    out.write(bytes);
  }

  @Override
  public Event deserialize(DataInputView in) throws IOException {
    byte[] bytes = new byte[CompactCodec.readCount(in)];
    in.readFully(bytes);
    try {
      return binary().fromBytes(bytes);
    } catch (MalformedEventException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public Event deserialize(Event reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    int length = CompactCodec.readCount(in);
    CompactCodec.writeVarInt(out, length);
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    out.write(bytes);
  }

  @Override
  public TypeSerializerSnapshot<Event> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * The format version only. Events were never kept in state, but a savepoint's snapshot of the JSON serializer
   * of {@link Event} (the type of the same stream before) is accepted after migration.
   */
  public static final class Snapshot extends FormatVersionSnapshot<Event> {
    public Snapshot() {
      super("Event", FORMAT_VERSION, EventSerializer::new);
    }

    @Override
    TypeSerializerSchemaCompatibility<Event> otherCompatibility(TypeSerializerSnapshot<Event> oldSnapshot) {
      return oldSnapshot instanceof JsonTypeSerializer.Snapshot<?> json && json.type() == Event.class
          ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
