package org.soc.correlation;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Type information for a record Flink treats as one opaque field of {@code type}: never keyed by field position or
 * name, only by key selectors. Subclasses choose the serializer ({@link JsonTypeInfo}, {@link BinaryTypeInfo}).
 */
abstract class OpaqueTypeInfo<T> extends TypeInformation<T> {
  private static final long serialVersionUID = 1L;

  final Class<T> type;

  OpaqueTypeInfo(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  @Override public final boolean isBasicType() { return false; }
  @Override public final boolean isTupleType() { return false; }
  @Override public final int getArity() { return 1; }
  @Override public final int getTotalFields() { return 1; }
  @Override public final Class<T> getTypeClass() { return type; }
  @Override public final boolean isKeyType() { return false; }

  @Override
  public int hashCode() {
    return type.hashCode();
  }
}
