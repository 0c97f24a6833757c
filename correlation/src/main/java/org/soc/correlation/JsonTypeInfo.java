package org.soc.correlation;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.soc.schema.Alert;

/**
 * Flink type information for the schema records, serialized as their ECS JSON. The records hold immutable
 * {@code List.copyOf}/{@code Map.copyOf} collections that Kryo cannot rebuild, and the schema module must not
 * depend on Flink to carry {@code @TypeInfo}; JSON is the documents' canonical form anyway.
 *
 * <p>The rules' facts, which fill the evaluator's state and cross the key-space keyBy, and the records between
 * operators have a compact binary form instead ({@link BinaryTypeInfo}); alerts and control records stay JSON.
 */
public final class JsonTypeInfo<T> extends OpaqueTypeInfo<T> {
  private static final long serialVersionUID = 1L;

  public static final JsonTypeInfo<Alert> ALERT = new JsonTypeInfo<>(Alert.class);

  public JsonTypeInfo(Class<T> type) {
    super(type);
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new JsonTypeSerializer<>(type);
  }

  @Override
  public String toString() {
    return "Json<" + type.getSimpleName() + ">";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonTypeInfo<?> other && other.type.equals(type);
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof JsonTypeInfo;
  }
}
