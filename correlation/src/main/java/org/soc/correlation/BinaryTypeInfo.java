package org.soc.correlation;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.function.SerializableSupplier;
import org.soc.rules.SecurityEvent;
import org.soc.schema.Event;

/**
 * Flink type information for the job's records between operators, each with its hand-written binary serializer
 * (keyed only by selectors such as {@link RoutedFact#routingKey()}). The rules module must not depend on Flink, so {@link SecurityEvent} cannot
 * carry a {@code @TypeInfo} of its own.
 */
public final class BinaryTypeInfo<T> extends OpaqueTypeInfo<T> {
  private static final long serialVersionUID = 1L;

  /** Kafka records between the source and enrichment. */
  public static final BinaryTypeInfo<RawEvent> RAW_EVENT =
      new BinaryTypeInfo<>(RawEvent.class, RawEventSerializer::new);
  /** Enriched ECS events, on their way to the events sink. */
  public static final BinaryTypeInfo<Event> EVENT = new BinaryTypeInfo<>(Event.class, EventSerializer::new);
  /** The rules' facts (alerts fed back to the rules). */
  public static final BinaryTypeInfo<SecurityEvent> SECURITY_EVENT =
      new BinaryTypeInfo<>(SecurityEvent.class, SecurityEventSerializer::new);
  /** Facts routed to a key space, and the evaluators' state of them. */
  public static final BinaryTypeInfo<RoutedFact> ROUTED_FACT =
      new BinaryTypeInfo<>(RoutedFact.class, RoutedFactSerializer::new);

  private final SerializableSupplier<TypeSerializer<T>> serializer;

  private BinaryTypeInfo(Class<T> type, SerializableSupplier<TypeSerializer<T>> serializer) {
    super(type);
    this.serializer = serializer;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return serializer.get();
  }

  @Override
  public String toString() {
    return "Binary<" + type.getSimpleName() + ">";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinaryTypeInfo<?> other && other.type == type;
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof BinaryTypeInfo<?>;
  }
}
