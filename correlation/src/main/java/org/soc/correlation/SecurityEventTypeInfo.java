package org.soc.correlation;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.soc.rules.SecurityEvent;

/**
 * Flink type information for the rules' fact, serialized by {@link SecurityEventSerializer} (the rules module
 * must not depend on Flink to carry {@code @TypeInfo}). An opaque single field: facts are never keyed by their
 * own fields, only through {@link RoutedFact#routingKey()}.
 */
public final class SecurityEventTypeInfo extends TypeInformation<SecurityEvent> {
  private static final long serialVersionUID = 1L;

  public static final SecurityEventTypeInfo INSTANCE = new SecurityEventTypeInfo();

  private SecurityEventTypeInfo() {}

  @Override public boolean isBasicType() { return false; }
  @Override public boolean isTupleType() { return false; }
  @Override public int getArity() { return 1; }
  @Override public int getTotalFields() { return 1; }
  @Override public Class<SecurityEvent> getTypeClass() { return SecurityEvent.class; }
  @Override public boolean isKeyType() { return false; }

  @Override
  public TypeSerializer<SecurityEvent> createSerializer(SerializerConfig config) {
    return new SecurityEventSerializer();
  }

  @Override
  public String toString() {
    return "Binary<SecurityEvent>";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecurityEventTypeInfo;
  }

  @Override
  public int hashCode() {
    return SecurityEventTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof SecurityEventTypeInfo;
  }
}
