package org.soc.correlation;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.soc.schema.Event;

/**
 * Flink type information for the ECS event between operators, serialized by {@link EventSerializer}. An opaque
 * single field: streams of events are never keyed by their own fields.
 */
public final class EventTypeInfo extends TypeInformation<Event> {
  private static final long serialVersionUID = 1L;

  public static final EventTypeInfo INSTANCE = new EventTypeInfo();

  private EventTypeInfo() {}

  @Override public boolean isBasicType() { return false; }
  @Override public boolean isTupleType() { return false; }
  @Override public int getArity() { return 1; }
  @Override public int getTotalFields() { return 1; }
  @Override public Class<Event> getTypeClass() { return Event.class; }
  @Override public boolean isKeyType() { return false; }

  @Override
  public TypeSerializer<Event> createSerializer(SerializerConfig config) {
    return new EventSerializer();
  }

  @Override
  public String toString() {
    return "Binary<Event>";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventTypeInfo;
  }

  @Override
  public int hashCode() {
    return EventTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof EventTypeInfo;
  }
}
