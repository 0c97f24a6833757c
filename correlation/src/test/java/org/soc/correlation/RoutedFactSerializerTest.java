package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.soc.rules.SecurityEvent;

/** The binary serializer of what crosses the key-space keyBy, against Flink's serializer contract and ours. */
class RoutedFactSerializerTest extends SerializerTestBase<RoutedFact> {
  private final RoutedFactSerializer serializer = new RoutedFactSerializer();

  @Override
  protected TypeSerializer<RoutedFact> createSerializer() {
    return new RoutedFactSerializer();
  }

  @Override
  protected int getLength() {
    return -1;
  }

  @Override
  protected Class<RoutedFact> getTypeClass() {
    return RoutedFact.class;
  }

  @Override
  protected RoutedFact[] getTestData() {
    Random random = new Random(7);
    return Stream.concat(
            Stream.of(new RoutedFact("events|organization.id,source.ip", "health|10.10.1.2", TestFacts.full()),
                new RoutedFact("alerts|source.ip", "", TestFacts.minimal()),
                new RoutedFact(null, null, null),
                new RoutedFact("events|user.name", "zoë\uD83D\uDD12", TestFacts.unicode()),
                new RoutedFact("events|x", "k".repeat(70_000), TestFacts.huge())),
            Stream.generate(() -> new RoutedFact("space-" + random.nextInt(8), "key-" + random.nextLong(),
                TestFacts.random(random))).limit(50))
        .toArray(RoutedFact[]::new);
  }

  @Test
  void seededRandomRoutedFactsRoundTripAndCopyByteForByte() throws IOException {
    Random random = new Random(99);
    List<RoutedFact> routed = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      SecurityEvent fact = TestFacts.random(random);
      routed.add(new RoutedFact("events|source.ip", fact.getSourceIp(), random.nextInt(20) == 0 ? null : fact));
    }
    DataOutputSerializer out = new DataOutputSerializer(1 << 16);
    for (RoutedFact r : routed) {
      serializer.serialize(r, out);
    }
    byte[] written = out.getCopyOfBuffer();
    DataInputDeserializer in = new DataInputDeserializer(written);
    for (int i = 0; i < routed.size(); i++) {
      RoutedFact back = serializer.deserialize(in);
      assertThat(back).as("routed fact %d", i).isEqualTo(routed.get(i));
      assertThat(back.routingKey()).isEqualTo(routed.get(i).routingKey());
    }
    assertThat(in.available()).isZero();

    DataInputDeserializer source = new DataInputDeserializer(written);
    DataOutputSerializer target = new DataOutputSerializer(written.length);
    for (int i = 0; i < routed.size(); i++) {
      serializer.copy(source, target);
    }
    assertThat(source.available()).isZero();
    assertThat(target.getCopyOfBuffer()).isEqualTo(written);
  }

  @Test
  void isMuchSmallerThanItsJson() throws IOException {
    RoutedFact routed = new RoutedFact("events|organization.id,source.ip", "health|10.10.1.2", TestFacts.full());
    DataOutputSerializer binary = new DataOutputSerializer(64);
    serializer.serialize(routed, binary);
    DataOutputSerializer json = new DataOutputSerializer(64);
    new JsonTypeSerializer<>(RoutedFact.class).serialize(routed, json);
    assertThat(binary.length()).isLessThan(json.length() / 2);
  }

  @Test
  void copiesAreTheSameInstanceAndDuplicatesAreEqualNewInstances() {
    RoutedFact routed = new RoutedFact("s", "k", TestFacts.full());
    assertThat(serializer.copy(routed)).isSameAs(routed);
    assertThat(serializer.copy(routed, serializer.createInstance())).isSameAs(routed);
    assertThat(serializer.duplicate()).isEqualTo(serializer).isNotSameAs(serializer);
  }

  @Test
  void snapshotRoundTripsAndResolvesCompatibleAsIsForTheSameVersion() throws IOException {
    TypeSerializerSnapshot<RoutedFact> restored =
        SecurityEventSerializerTest.restoreSnapshot(serializer.snapshotConfiguration());
    assertThat(restored.restoreSerializer()).isEqualTo(serializer);
    assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs())
        .isTrue();
    TypeSerializerSnapshot<RoutedFact> json =
        SecurityEventSerializerTest.restoreSnapshot(new JsonTypeSerializer<>(RoutedFact.class).snapshotConfiguration());
    assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(json).isIncompatible()).isTrue();
  }
}
