package org.soc.correlation;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information for {@link RawEvent}, serialized by {@link RawEventSerializer}. */
public final class RawEventTypeInfo extends TypeInformation<RawEvent> {
  private static final long serialVersionUID = 1L;

  public static final RawEventTypeInfo INSTANCE = new RawEventTypeInfo();

  private RawEventTypeInfo() {}

  @Override public boolean isBasicType() { return false; }
  @Override public boolean isTupleType() { return false; }
  @Override public int getArity() { return 1; }
  @Override public int getTotalFields() { return 1; }
  @Override public Class<RawEvent> getTypeClass() { return RawEvent.class; }
  @Override public boolean isKeyType() { return false; }

  @Override
  public TypeSerializer<RawEvent> createSerializer(SerializerConfig config) {
    return new RawEventSerializer();
  }

  @Override
  public String toString() {
    return "Binary<RawEvent>";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawEventTypeInfo;
  }

  @Override
  public int hashCode() {
    return RawEventTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof RawEventTypeInfo;
  }
}
