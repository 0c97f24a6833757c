package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.soc.schema.Event;
import org.soc.schema.EventJson;

class EventDeserializerTest {
  private final EventDeserializer deserializer = new EventDeserializer();

  private List<Event> read(byte[] value) {
    List<Event> out = new ArrayList<>();
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("soc.events", 3, 42L, null, value);
    deserializer.deserialize(record, new Collector<>() {
      @Override public void collect(Event e) { out.add(e); }
      @Override public void close() {}
    });
    return out;
  }

  @Test
  void readsEcsJson() {
    Event event = TestEvents.failure("e1", 0, "203.0.113.7");
    assertThat(read(new EventJson().toBytes(event))).containsExactly(event);
  }

  @Test
  void garbageBecomesAParseFailureEventWithTheOriginal() {
    assertThat(read("{not json".getBytes(StandardCharsets.UTF_8))).singleElement().satisfies(e -> {
      assertThat(e.isParseFailure()).isTrue();
      assertThat(e.event().original()).isEqualTo("{not json");
      assertThat(e.id()).isEqualTo("kafka-soc.events-3-42");
      assertThat(e.error().type()).isEqualTo(EventDeserializer.ERROR_TYPE);
      assertThat(e.organizationId()).isEqualTo(Event.Organization.UNKNOWN_ID);
      assertThat(e.timestamp()).isNotNull();
      assertThat(CorrelationJob.isRuleInput(e)).isFalse();
    });
  }

  @Test
  void nonUtf8BytesAreKeptAsBase64() {
    byte[] raw = {(byte) 0xC3, (byte) 0x28, 0x7B};
    assertThat(read(raw)).singleElement().satisfies(e -> {
      assertThat(e.event().original()).isNull();
      assertThat(e.soc().originalBase64()).isEqualTo(Base64.getEncoder().encodeToString(raw));
      assertThat(e.soc().originalLength()).isEqualTo(3);
    });
  }

  @Test
  void recordWithoutValueIsAParseFailure() {
    assertThat(read(null)).singleElement().satisfies(e -> assertThat(e.isParseFailure()).isTrue());
  }
}
