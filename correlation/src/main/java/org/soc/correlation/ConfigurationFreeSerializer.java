package org.soc.correlation;

import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * A hand-written serializer with no configuration: every instance of one class reads and writes the same format,
 * so they are all equal (what Flink asks of {@code equals} and {@code hashCode}). Not Flink's
 * {@code TypeSerializerSingleton}: some of these keep scratch buffers, so {@code duplicate()} makes a new one.
 */
abstract class ConfigurationFreeSerializer<T> extends TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public final int hashCode() {
    return getClass().hashCode();
  }
}
