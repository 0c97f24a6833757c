package org.soc.correlation;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of a hand-written serializer whose only configuration is its format version (the Flink snapshot
 * version): a version newer than this code is refused on read, the same version is compatible as is, anything
 * else is left to {@link #otherCompatibility}.
 */
abstract class FormatVersionSnapshot<T> implements TypeSerializerSnapshot<T> {
  private final String typeName;
  private final int currentVersion;
  private final Supplier<TypeSerializer<T>> serializer;
  private int version;

  FormatVersionSnapshot(String typeName, int currentVersion, Supplier<TypeSerializer<T>> serializer) {
    this.typeName = typeName;
    this.currentVersion = currentVersion;
    this.serializer = serializer;
    this.version = currentVersion;
  }

  int version() {
    return version;
  }

  @Override
  public int getCurrentVersion() {
    return currentVersion;
  }

  @Override
  public void writeSnapshot(DataOutputView out) {}

  @Override
  public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
    if (readVersion < 1 || readVersion > currentVersion) {
      throw new IOException(typeName + " format version " + readVersion + " is not known to this version "
          + "(which reads up to " + currentVersion + ")");
    }
    version = readVersion;
  }

  @Override
  public TypeSerializer<T> restoreSerializer() {
    if (version != currentVersion) {
      throw new IllegalStateException("no reader for " + typeName + " format version " + version);
    }
    return serializer.get();
  }

  @Override
  public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
    if (oldSnapshot instanceof FormatVersionSnapshot<?> old && old.getClass() == getClass()) {
      return old.version == currentVersion ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
    return otherCompatibility(oldSnapshot);
  }

  /** Compatibility with a snapshot of another serializer: incompatible unless a subclass knows a migration. */
  TypeSerializerSchemaCompatibility<T> otherCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
    return TypeSerializerSchemaCompatibility.incompatible();
  }
}
