package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.soc.rules.SecurityEvent;
import org.soc.schema.Alert;

/**
 * The fact's binary serializer: Flink's own serializer contract ({@link SerializerTestBase}: copies, sequences,
 * reuse, duplicates on several threads, serializability, snapshot and restore), plus the cases JSON used to cover
 * for free (any string, any length, nulls) and the migration from the JSON state.
 */
class SecurityEventSerializerTest extends SerializerTestBase<SecurityEvent> {
  private final SecurityEventSerializer serializer = new SecurityEventSerializer();

  @Override
  protected TypeSerializer<SecurityEvent> createSerializer() {
    return new SecurityEventSerializer();
  }

  @Override
  protected int getLength() {
    return -1;
  }

  @Override
  protected Class<SecurityEvent> getTypeClass() {
    return SecurityEvent.class;
  }

  @Override
  protected SecurityEvent[] getTestData() {
    Random random = new Random(42);
    return Stream.concat(
            Stream.of(TestFacts.full(), TestFacts.minimal(), TestFacts.alert(), TestFacts.unicode(), TestFacts.huge()),
            Stream.generate(() -> TestFacts.random(random)).limit(50))
        .toArray(SecurityEvent[]::new);
  }

  private byte[] bytes(SecurityEvent e) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(e, out);
    return out.getCopyOfBuffer();
  }

  private SecurityEvent roundTrip(SecurityEvent e) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(bytes(e));
    SecurityEvent back = serializer.deserialize(in);
    assertThat(in.available()).as("bytes left after the fact").isZero();
    return back;
  }

  @Test
  void aFullyPopulatedFactRoundTripsFieldByField() throws IOException {
    SecurityEvent full = TestFacts.full();
    SecurityEvent back = roundTrip(full);
    assertThat(back).isEqualTo(full).isNotSameAs(full);
    // equals() covers every field; these read the ones the rules match on, to fail with a readable message.
    assertThat(back.getTimestamp()).isEqualTo(1_764_000_000_123L);
    assertThat(back.getSourcePort()).isEqualTo(40514);
    assertThat(back.getDestinationPort()).isEqualTo(443);
    assertThat(back.getCategories()).containsExactly("network", "intrusion_detection");
    assertThat(back.getTypes()).containsExactly("connection", "start");
    assertThat(back.label("threat.indicator.matched")).isEqualTo("destination");
    assertThat(back.getKind()).isSameAs(SecurityEvent.KIND_EVENT);
  }

  @Test
  void aMinimalFactKeepsItsNullsAndEmptiesInTwentyFourBytes() throws IOException {
    SecurityEvent minimal = TestFacts.minimal();
    // 8 bytes of timestamp, then one byte for each of the 16 other fields (null string, empty list, no port, ...).
    assertThat(bytes(minimal)).hasSize(24);
    SecurityEvent back = roundTrip(minimal);
    assertThat(back).isEqualTo(minimal);
    assertThat(back.getEventId()).isNull();
    assertThat(back.getKind()).isNull();
    assertThat(back.getSourcePort()).isNull();
    assertThat(back.getCategories()).isEmpty();
    assertThat(back.getLabels()).isEmpty();
  }

  @Test
  void factsReadByOneSerializerShareTheirAgencyCategoriesAndLabelsButNotTheirIds() throws IOException {
    SecurityEvent first = roundTrip(TestFacts.full());
    SecurityEvent second = roundTrip(TestFacts.full());

    assertThat(second).isEqualTo(first).isEqualTo(TestFacts.full());
    assertThat(second.getOrganizationId()).isSameAs(first.getOrganizationId());
    assertThat(second.getCategories().get(1)).isSameAs(first.getCategories().get(1));
    assertThat(second.getOutcome()).isSameAs(first.getOutcome());
    assertThat(second.getLabels().keySet().iterator().next()).isSameAs(first.getLabels().keySet().iterator().next());
    assertThat(second.getEventId()).isEqualTo(first.getEventId()).isNotSameAs(first.getEventId());
    assertThat(second.getSourceIp()).isNotSameAs(first.getSourceIp()); // addresses are many: not interned

    SecurityEvent flow = TestFacts.full();
    flow.setCategories(List.of("network"));
    assertThat(roundTrip(flow).getCategories()).isSameAs(roundTrip(flow).getCategories()).containsExactly("network");
  }

  @Test
  void aValueThatLostItsInternSlotIsStillReadCorrectly() throws IOException {
    // Thousands of distinct user names through one serializer: slots are replaced, values stay right.
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 5_000; i++) {
      SecurityEvent fact = TestFacts.random(random);
      assertThat(roundTrip(fact)).isEqualTo(fact);
    }
  }

  @Test
  void unicodeStringsRoundTrip() throws IOException {
    SecurityEvent unicode = TestFacts.unicode();
    SecurityEvent back = roundTrip(unicode);
    assertThat(back).isEqualTo(unicode);
    assertThat(back.getUserName()).isEqualTo("zoë\u0301 \uD83D\uDD12\uD83D\uDE80");
    assertThat(back.label("")).isEqualTo("empty key");
  }

  @Test
  void stringsPastSixtyFourKibibytesRoundTripAndLeaveTheScratchBufferUsable() throws IOException {
    SecurityEvent huge = TestFacts.huge();
    assertThat(bytes(huge).length).isGreaterThan(200_000 + 70_000);
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(huge, out);
    serializer.serialize(TestFacts.full(), out);
    serializer.serialize(huge, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    assertThat(serializer.deserialize(in)).isEqualTo(huge);
    assertThat(serializer.deserialize(in)).isEqualTo(TestFacts.full());
    SecurityEvent again = serializer.deserialize(in);
    assertThat(again.label("payload")).hasSize(100_000).isEqualTo("é".repeat(100_000));
    assertThat(again.label("after")).isEqualTo("small");
    assertThat(again.getUserName()).hasSize(70_000);
  }

  @Test
  void fiveThousandSeededRandomFactsRoundTripAsOneStreamAndCopyByteForByte() throws IOException {
    Random random = new Random(20261202L);
    List<SecurityEvent> facts = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      facts.add(TestFacts.random(random));
    }
    DataOutputSerializer out = new DataOutputSerializer(1 << 16);
    for (SecurityEvent e : facts) {
      serializer.serialize(e, out);
    }
    byte[] written = out.getCopyOfBuffer();

    DataInputDeserializer in = new DataInputDeserializer(written);
    for (int i = 0; i < facts.size(); i++) {
      assertThat(serializer.deserialize(in)).as("fact %d", i).isEqualTo(facts.get(i));
    }
    assertThat(in.available()).isZero();

    // copy(DataInputView, DataOutputView) walks each fact without decoding it and must stop exactly at its end.
    DataInputDeserializer source = new DataInputDeserializer(written);
    DataOutputSerializer target = new DataOutputSerializer(written.length);
    for (int i = 0; i < facts.size(); i++) {
      serializer.copy(source, target);
    }
    assertThat(source.available()).isZero();
    assertThat(target.getCopyOfBuffer()).isEqualTo(written);
  }

  @Test
  void copyOfSerializedFactsStopsAtTheirEndAndGrowsTheTarget() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(TestFacts.unicode(), out);
    serializer.serialize(TestFacts.huge(), out);
    out.writeInt(0xCAFEBABE);
    DataInputDeserializer source = new DataInputDeserializer(out.getCopyOfBuffer());
    DataOutputSerializer target = new DataOutputSerializer(64);
    serializer.copy(source, target);
    serializer.copy(source, target);
    assertThat(source.readInt()).isEqualTo(0xCAFEBABE);
    DataInputDeserializer copied = new DataInputDeserializer(target.getCopyOfBuffer());
    assertThat(serializer.deserialize(copied)).isEqualTo(TestFacts.unicode());
    assertThat(serializer.deserialize(copied)).isEqualTo(TestFacts.huge());
    assertThat(copied.available()).isZero();
  }

  @Test
  void copiesAreTheSameInstanceBecauseFactsAreImmutable() {
    SecurityEvent e = TestFacts.full();
    assertThat(serializer.isImmutableType()).isTrue();
    assertThat(serializer.copy(e)).isSameAs(e);
    assertThat(serializer.copy(e, new SecurityEvent())).isSameAs(e);
  }

  @Test
  void duplicatesAreEqualButOwnTheirScratchBuffer() {
    SecurityEventSerializer duplicate = serializer.duplicate();
    assertThat(duplicate).isEqualTo(serializer).isNotSameAs(serializer);
    assertThat(duplicate.codec()).isNotSameAs(serializer.codec());
  }

  @Test
  void snapshotRoundTripsAndResolvesCompatibleAsIsForTheSameVersion() throws IOException {
    TypeSerializerSnapshot<SecurityEvent> restored = restoreSnapshot(serializer.snapshotConfiguration());
    assertThat(restored).isInstanceOf(SecurityEventSerializer.Snapshot.class);
    assertThat(((SecurityEventSerializer.Snapshot) restored).version())
        .isEqualTo(SecurityEventSerializer.FORMAT_VERSION);
    assertThat(restored.restoreSerializer()).isEqualTo(serializer);
    assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs())
        .isTrue();
  }

  @Test
  void stateOfTheJsonSerializerIsCompatibleAfterMigrationAndOtherJsonIsNot() throws IOException {
    TypeSerializerSnapshot<SecurityEvent> jsonFacts =
        restoreSnapshot(new JsonTypeSerializer<>(SecurityEvent.class).snapshotConfiguration());
    TypeSerializerSchemaCompatibility<SecurityEvent> fromJson =
        serializer.snapshotConfiguration().resolveSchemaCompatibility(jsonFacts);
    assertThat(fromJson.isCompatibleAfterMigration()).isTrue();

    @SuppressWarnings({"unchecked", "rawtypes"})
    TypeSerializerSnapshot<SecurityEvent> jsonAlerts = (TypeSerializerSnapshot)
        restoreSnapshot(new JsonTypeSerializer<>(Alert.class).snapshotConfiguration());
    assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(jsonAlerts).isIncompatible())
        .isTrue();
  }

  @Test
  void aSnapshotOfAnUnknownFutureVersionIsRefused() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    new SecurityEventSerializer.Snapshot().writeSnapshot(out);
    SecurityEventSerializer.Snapshot future = new SecurityEventSerializer.Snapshot();
    assertThatThrownBy(() -> future.readSnapshot(SecurityEventSerializer.FORMAT_VERSION + 1,
        new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader()))
        .isInstanceOf(IOException.class).hasMessageContaining("format version 2");
  }

  @Test
  void corruptInputRaisesAnIoException() throws IOException {
    // A kind tag that does not exist: the minimal fact with its kind byte (offset 20) overwritten.
    byte[] bytes = bytes(TestFacts.minimal());
    bytes[20] = 9;
    assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(bytes)))
        .isInstanceOf(IOException.class).hasMessageContaining("kind tag 9");
  }

  /** Writes and reads {@code snapshot} as Flink does in a savepoint's metadata (version first). */
  static <T> TypeSerializerSnapshot<T> restoreSnapshot(TypeSerializerSnapshot<T> snapshot) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
    return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
        SecurityEventSerializerTest.class.getClassLoader());
  }
}
