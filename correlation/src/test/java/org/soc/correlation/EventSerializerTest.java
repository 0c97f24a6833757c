package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.soc.schema.Event;
import org.soc.schema.EventJson;
import org.soc.schema.SampleEvents;

/**
 * The event's binary serializer (the hop from the Kafka source to enrichment): Flink's serializer contract, an
 * exact round trip for every component (random presence, odd strings, structured data with null values), the
 * same document as the JSON it replaces, and corrupt input refused with an error.
 */
class EventSerializerTest extends SerializerTestBase<Event> {
  private final EventSerializer serializer = new EventSerializer();

  @Override
  protected TypeSerializer<Event> createSerializer() {
    return new EventSerializer();
  }

  @Override
  protected int getLength() {
    return -1;
  }

  @Override
  protected Class<Event> getTypeClass() {
    return Event.class;
  }

  @Override
  protected Event[] getTestData() {
    Random random = new Random(42);
    return Stream.concat(
            Stream.of(SampleEvents.full(), Event.builder().build(), TestEvents.sshLogin("e1", 5, "health", "203.0.113.7", "failure"),
                TestEvents.flow("f1", 7, "finance", "198.51.100.2", "10.0.0.5", 443),
                RawEvent.parseFailure(new byte[] {(byte) 0xC3, 0x28}, "soc.events", 1, 42, 1_764_000_000_000L,
                    "not JSON")),
            Stream.generate(() -> SampleEvents.random(random)).limit(200))
        .toArray(Event[]::new);
  }

  private byte[] bytes(Event e) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(e, out);
    return out.getCopyOfBuffer();
  }

  private Event roundTrip(Event e) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(bytes(e));
    Event back = serializer.deserialize(in);
    assertThat(in.available()).as("bytes left after the event").isZero();
    return back;
  }

  @Test
  void everyComponentRoundTripsExactly() throws IOException {
    Event full = SampleEvents.full();
    Event back = roundTrip(full);
    assertThat(back).isEqualTo(full).isNotSameAs(full);
    assertThat(back.log().syslog().structuredData().get("origin")).containsEntry("software", null);
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      Event e = SampleEvents.random(random);
      assertThat(roundTrip(e)).as("random event %d", i).isEqualTo(e);
    }
  }

  @Test
  void theDocumentIndexedIsTheSameAsWithTheJsonHop() throws IOException {
    EventJson json = new EventJson();
    Random random = new Random(9);
    for (int i = 0; i < 2_000; i++) {
      Event e = SampleEvents.random(random);
      // As trees: labels and structured data are immutable maps whose iteration order is not part of the value.
      assertThat(json.mapper().readTree(json.toBytes(roundTrip(e)))).as("random event %d", i)
          .isEqualTo(json.mapper().readTree(json.toBytes(e)));
    }
  }

  @Test
  void aLongMessageRoundTrips() throws IOException {
    Event big = SampleEvents.full().toBuilder().message("x".repeat(300_000)).build();
    assertThat(roundTrip(big)).isEqualTo(big);
  }

  @Test
  void corruptInputIsAnIoErrorNotAGarbageEvent() throws IOException {
    byte[] good = bytes(SampleEvents.full());
    byte[] badPresence = good.clone();
    int prefix = good.length - new org.soc.schema.EventBinary().toBytes(SampleEvents.full()).length;
    badPresence[prefix + 2] = 7; // the timestamp's presence byte, after the length and the format header
    assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(badPresence)))
        .isInstanceOf(IOException.class).hasMessageContaining("presence byte 7");
    byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
    assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(truncated)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aSavepointOfTheJsonStreamTypeMigrates() {
    var jsonSnapshot = new JsonTypeSerializer<>(Event.class).snapshotConfiguration();
    assertThat(new EventSerializer.Snapshot().resolveSchemaCompatibility(jsonSnapshot).isCompatibleAfterMigration())
        .isTrue();
    var other = new JsonTypeSerializer<>(org.soc.schema.Alert.class).snapshotConfiguration();
    @SuppressWarnings({"unchecked", "rawtypes"})
    TypeSerializerSchemaCompatibility<Event> vsAlert =
        new EventSerializer.Snapshot().resolveSchemaCompatibility((org.apache.flink.api.common.typeutils.TypeSerializerSnapshot) other);
    assertThat(vsAlert.isIncompatible()).isTrue();
  }
}
