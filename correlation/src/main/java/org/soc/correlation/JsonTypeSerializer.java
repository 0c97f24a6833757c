package org.soc.correlation;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.soc.schema.EventJson;

/**
 * Length-prefixed ECS JSON ({@link EventJson#newMapper()}). Values are treated as immutable (the schema records
 * are; {@link org.soc.rules.SecurityEvent} is by convention once built), so copies are the same instance.
 */
public final class JsonTypeSerializer<T> extends TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private transient ObjectMapper mapper;

  public JsonTypeSerializer(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  private ObjectMapper mapper() {
    if (mapper == null) {
      mapper = EventJson.newMapper();
    }
    return mapper;
  }

  @Override public boolean isImmutableType() { return true; }
  @Override public TypeSerializer<T> duplicate() { return new JsonTypeSerializer<>(type); }
  @Override public T createInstance() { return null; }
  @Override public T copy(T from) { return from; }
  @Override public T copy(T from, T reuse) { return from; }
  @Override public int getLength() { return -1; }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    byte[] bytes = mapper().writeValueAsBytes(record);
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return mapper().readValue(bytes, type);
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int length = source.readInt();
    target.writeInt(length);
    target.write(source, length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonTypeSerializer<?> other && other.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new Snapshot<>(type);
  }

  /** Records the value class; JSON with unknown properties tolerated stays readable as the records evolve. */
  public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
    private Class<T> type;

    public Snapshot() {}

    Snapshot(Class<T> type) {
      this.type = type;
    }

    /** The value class; the binary serializers' snapshots accept JSON state of their type for migration. */
    Class<T> type() {
      return type;
    }

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeUTF(type.getName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
      String name = in.readUTF();
      try {
        type = (Class<T>) Class.forName(name, false, classLoader);
      } catch (ClassNotFoundException e) {
        throw new IOException("serialized type " + name + " not found", e);
      }
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
      return new JsonTypeSerializer<>(type);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
      if (oldSnapshot instanceof Snapshot<?> old && old.type.equals(type)) {
        return TypeSerializerSchemaCompatibility.compatibleAsIs();
      }
      return TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
