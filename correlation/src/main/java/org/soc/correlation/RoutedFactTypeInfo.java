package org.soc.correlation;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information for {@link RoutedFact}, serialized by {@link RoutedFactSerializer}. Opaque: the job keys
 * it with a key selector ({@link RoutedFact#routingKey()}), never by field position or name.
 */
public final class RoutedFactTypeInfo extends TypeInformation<RoutedFact> {
  private static final long serialVersionUID = 1L;

  public static final RoutedFactTypeInfo INSTANCE = new RoutedFactTypeInfo();

  private RoutedFactTypeInfo() {}

  @Override public boolean isBasicType() { return false; }
  @Override public boolean isTupleType() { return false; }
  @Override public int getArity() { return 1; }
  @Override public int getTotalFields() { return 1; }
  @Override public Class<RoutedFact> getTypeClass() { return RoutedFact.class; }
  @Override public boolean isKeyType() { return false; }

  @Override
  public TypeSerializer<RoutedFact> createSerializer(SerializerConfig config) {
    return new RoutedFactSerializer();
  }

  @Override
  public String toString() {
    return "Binary<RoutedFact>";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoutedFactTypeInfo;
  }

  @Override
  public int hashCode() {
    return RoutedFactTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof RoutedFactTypeInfo;
  }
}
