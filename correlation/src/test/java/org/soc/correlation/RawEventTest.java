package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.soc.schema.Event;
import org.soc.schema.EventBinary;
import org.soc.schema.EventCodec;
import org.soc.schema.EventJson;

/** Kafka records of the events topic: taken as they are, timed from their front, parsed where enriched. */
class RawEventTest {
  private final EventJson json = new EventJson();
  private final EventBinary binary = new EventBinary();
  private final EventCodec codec = new EventCodec(EventCodec.Format.BINARY);
  private final AtomicInteger failures = new AtomicInteger();

  private RawEvent record(byte[] value) {
    List<RawEvent> out = new ArrayList<>();
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("soc.events", 3, 42L, null, value);
    new RawEventDeserializer().deserialize(record, new Collector<>() {
      @Override public void collect(RawEvent e) { out.add(e); }
      @Override public void close() {}
    });
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  private Event read(byte[] value) {
    return record(value).toEvent(codec, failures::incrementAndGet);
  }

  @Test
  void readsEcsJson() {
    Event event = TestEvents.failure("e1", 0, "203.0.113.7");
    assertThat(read(json.toBytes(event))).isEqualTo(event);
    assertThat(failures).hasValue(0);
  }

  @Test
  void readsTheCollectorsBinaryForm() {
    Event event = TestEvents.failure("e1", 0, "203.0.113.7");
    assertThat(read(binary.toBytes(event))).isEqualTo(event);
    assertThat(record(binary.toBytes(event)).eventTime(codec)).isEqualTo(event.timestamp().toEpochMilli());
    assertThat(failures).hasValue(0);
  }

  @Test
  void aCorruptBinaryRecordIsAParseFailureKeptAsBase64() {
    byte[] good = binary.toBytes(TestEvents.failure("e1", 0, "203.0.113.7"));
    byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
    assertThat(read(cut)).satisfies(e -> {
      assertThat(e.isParseFailure()).isTrue();
      assertThat(e.error().message()).contains("corrupt binary event");
      assertThat(e.soc().originalBase64()).isEqualTo(Base64.getEncoder().encodeToString(cut));
    });
    assertThat(failures).hasValue(1);
  }

  @Test
  void garbageBecomesAParseFailureEventWithTheOriginal() {
    assertThat(read("{not json".getBytes(StandardCharsets.UTF_8))).satisfies(e -> {
      assertThat(e.isParseFailure()).isTrue();
      assertThat(e.event().original()).isEqualTo("{not json");
      assertThat(e.id()).isEqualTo("kafka-soc.events-3-42");
      assertThat(e.error().type()).isEqualTo(RawEvent.ERROR_TYPE);
      assertThat(e.organizationId()).isEqualTo(Event.Organization.UNKNOWN_ID);
      assertThat(e.timestamp()).isNotNull();
      assertThat(CorrelationJob.isRuleInput(e)).isFalse();
    });
    assertThat(failures).hasValue(1);
  }

  @Test
  void nonUtf8BytesAreKeptAsBase64() {
    byte[] raw = {(byte) 0xC3, (byte) 0x28, 0x7B};
    assertThat(read(raw)).satisfies(e -> {
      assertThat(e.event().original()).isNull();
      assertThat(e.soc().originalBase64()).isEqualTo(Base64.getEncoder().encodeToString(raw));
      assertThat(e.soc().originalLength()).isEqualTo(3);
    });
  }

  @Test
  void recordWithoutValueIsAParseFailure() {
    assertThat(read(null).isParseFailure()).isTrue();
  }

  @Test
  void aLateRecordIsFlaggedWhenParsed() {
    Event event = TestEvents.failure("e1", 0, "203.0.113.7");
    assertThat(record(json.toBytes(event)).markedLate().toEvent(codec, failures::incrementAndGet).soc().late())
        .isTrue();
  }

  @Test
  void eventTimeIsTheLeadingTimestampElseTheParsedOneElseTheRecordTime() {
    RawEvent collectorsShape = RawEvent.of(json.toBytes(TestEvents.failure("e1", 7, "203.0.113.7")), 0, 5);
    long expected = TestEvents.failure("e1", 7, "203.0.113.7").timestamp().toEpochMilli();
    assertThat(collectorsShape.eventTime(codec)).isEqualTo(expected);
    RawEvent elsewhere = RawEvent.of(
        "{\"message\":\"x\",\"@timestamp\":\"2026-11-24T06:44:11.5Z\"}".getBytes(StandardCharsets.UTF_8), 0, 5);
    assertThat(elsewhere.eventTime(codec)).isEqualTo(Instant.parse("2026-11-24T06:44:11.5Z").toEpochMilli());
    RawEvent escaped = RawEvent.of(
        "{\"@timestamp\":\"2026-11-24T06:44:11\\u002e5Z\"}".getBytes(StandardCharsets.UTF_8), 0, 5);
    assertThat(escaped.eventTime(codec)).as("escapes: parsed").isEqualTo(
        Instant.parse("2026-11-24T06:44:11.5Z").toEpochMilli());
    assertThat(RawEvent.of("{not json".getBytes(StandardCharsets.UTF_8), 0, 5).eventTime(codec)).isEqualTo(5);
    assertThat(RawEvent.of("{\"message\":\"x\"}".getBytes(StandardCharsets.UTF_8), 0, 5).eventTime(codec))
        .isEqualTo(5);
    assertThat(RawEvent.of(null, 0, -1).eventTime(codec)).isEqualTo(0);
  }

  @Test
  void theBinaryFormRoundTrips() throws Exception {
    org.apache.flink.core.memory.DataOutputSerializer out = new org.apache.flink.core.memory.DataOutputSerializer(64);
    RawEventSerializer serializer = new RawEventSerializer();
    List<RawEvent> records = List.of(record("{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
        record(null).markedLate(), new RawEvent(new byte[0], "t\uD800", Integer.MAX_VALUE, -1, Long.MIN_VALUE, false));
    for (RawEvent r : records) {
      serializer.serialize(r, out);
    }
    org.apache.flink.core.memory.DataInputDeserializer in =
        new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer());
    for (RawEvent r : records) {
      assertThat(serializer.deserialize(in)).isEqualTo(r);
    }
  }
}
