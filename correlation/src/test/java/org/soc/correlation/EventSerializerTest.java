package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            Stream.of(full(), Event.builder().build(), TestEvents.sshLogin("e1", 5, "health", "203.0.113.7", "failure"),
                TestEvents.flow("f1", 7, "finance", "198.51.100.2", "10.0.0.5", 443),
                RawEvent.parseFailure(new byte[] {(byte) 0xC3, 0x28}, "soc.events", 1, 42, 1_764_000_000_000L,
                    "not JSON")),
            Stream.generate(() -> random(random)).limit(200))
        .toArray(Event[]::new);
  }

  static Event full() {
    Map<String, Map<String, String>> sd = new LinkedHashMap<>();
    Map<String, String> origin = new LinkedHashMap<>();
    origin.put("ip", "10.0.0.1");
    origin.put("software", null);
    sd.put("origin", origin);
    sd.put("meta@32473", new LinkedHashMap<>());
    return Event.builder()
        .timestamp(Instant.parse("2026-11-24T08:00:00.123456789Z"))
        .event(new Event.EventInfo("id-1", "event", List.of("network", "intrusion_detection"),
            List.of("connection", "denied"), "deny", "failure", 4, "<38>1 raw \uFEFF line", Instant.EPOCH, "syslog",
            Instant.parse("2026-11-24T07:59:00Z"), Instant.parse("2026-11-24T08:00:00Z")))
        .source(new Event.Endpoint("203.0.113.7", 4242, 100L, 2L))
        .destination(new Event.Endpoint("2001:db8::5", 443, Long.MAX_VALUE, Long.MIN_VALUE))
        .network(new Event.NetworkInfo("tcp", "6", 1_000L, 10L, "inbound"))
        .user(new Event.UserInfo("root"))
        .host(new Event.HostInfo("fw1"))
        .process(new Event.ProcessInfo("sshd", 1234L))
        .log(new Event.LogInfo(new Event.SyslogInfo(new Event.Code(4, "auth"), new Event.Code(6, "Informational"),
            38, 1, "sshd", "1234", "ID47", "fw1", sd)))
        .observer(new Event.Observer("10.10.1.2", 40514, "collector-1", "syslog"))
        .organization(new Event.Organization("health", "Ministry of Health"))
        .message("Failed password for root from 203.0.113.7 port 4242 ssh2 — 日本語 😀")
        .label("event.code", "106023")
        .label("threat.indicator.matched", "destination")
        .tag("asa")
        .tag(Event.TAG_PARSE_FAILURE)
        .error(new Event.ErrorInfo("decoder_error", "boom"))
        .soc(new Event.SocInfo("AAEC", 3, Boolean.TRUE, "syslog-tcp", Boolean.FALSE))
        .build();
  }

  /** Each component present or not, strings from a small alphabet of awkward characters (and empty). */
  static Event random(Random r) {
    Event.EventInfo info = r.nextBoolean() ? null : new Event.EventInfo(s(r), s(r), list(r), list(r), s(r), s(r),
        r.nextBoolean() ? null : r.nextInt(), s(r), instant(r), s(r), instant(r), instant(r));
    Map<String, Map<String, String>> sd = new LinkedHashMap<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      Map<String, String> params = new LinkedHashMap<>();
      for (int j = r.nextInt(3); j > 0; j--) {
        params.put(r.nextInt(5) == 0 ? "" : "k" + r.nextInt(100), s(r));
      }
      sd.put("sd" + r.nextInt(100), params);
    }
    Event.SyslogInfo syslog = r.nextBoolean() ? null : new Event.SyslogInfo(
        r.nextBoolean() ? null : new Event.Code(r.nextBoolean() ? null : r.nextInt(24), s(r)),
        r.nextBoolean() ? null : new Event.Code(r.nextInt(8), s(r)), r.nextBoolean() ? null : r.nextInt(192),
        r.nextBoolean() ? null : 1, s(r), s(r), s(r), s(r), sd);
    var b = Event.builder()
        .timestamp(instant(r))
        .event(info)
        .source(r.nextBoolean() ? null : new Event.Endpoint(s(r), r.nextBoolean() ? null : r.nextInt(65536),
            r.nextBoolean() ? null : r.nextLong(), r.nextBoolean() ? null : r.nextLong()))
        .destination(r.nextBoolean() ? null : new Event.Endpoint(s(r), null, null, r.nextLong()))
        .network(r.nextBoolean() ? null : new Event.NetworkInfo(s(r), s(r), r.nextLong(), null, s(r)))
        .user(r.nextBoolean() ? null : new Event.UserInfo(s(r)))
        .host(r.nextBoolean() ? null : new Event.HostInfo(s(r)))
        .process(r.nextBoolean() ? null : new Event.ProcessInfo(s(r), r.nextBoolean() ? null : r.nextLong()))
        .log(r.nextBoolean() ? null : new Event.LogInfo(syslog))
        .observer(r.nextBoolean() ? null : new Event.Observer(s(r), r.nextInt(), s(r), s(r)))
        .organization(r.nextBoolean() ? null : new Event.Organization(s(r), s(r)))
        .message(s(r))
        .error(r.nextBoolean() ? null : new Event.ErrorInfo(s(r), s(r)))
        .soc(r.nextBoolean() ? null : new Event.SocInfo(s(r), r.nextBoolean() ? null : r.nextInt(),
            bool(r), s(r), bool(r)));
    for (int i = r.nextInt(4); i > 0; i--) {
      b.label("label." + i, nonNull(r));
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      b.tag(nonNull(r));
    }
    return b.build();
  }

  private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "\n", "\u0000", "é", "日", "😀", "\uD800",
      "\uFEFF", "PADD"};

  private static String s(Random r) {
    return r.nextInt(4) == 0 ? null : nonNull(r);
  }

  private static String nonNull(Random r) {
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(6); i > 0; i--) {
      sb.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private static List<String> list(Random r) {
    List<String> out = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      out.add(nonNull(r));
    }
    return out;
  }

  private static Instant instant(Random r) {
    return r.nextInt(4) == 0 ? null : Instant.ofEpochSecond(r.nextLong() % 100_000_000_000L, r.nextInt(1_000_000_000));
  }

  private static Boolean bool(Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> null;
      case 1 -> Boolean.FALSE;
      default -> Boolean.TRUE;
    };
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
    Event full = full();
    Event back = roundTrip(full);
    assertThat(back).isEqualTo(full).isNotSameAs(full);
    assertThat(back.log().syslog().structuredData().get("origin")).containsEntry("software", null);
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      Event e = random(random);
      assertThat(roundTrip(e)).as("random event %d", i).isEqualTo(e);
    }
  }

  @Test
  void theDocumentIndexedIsTheSameAsWithTheJsonHop() throws IOException {
    EventJson json = new EventJson();
    Random random = new Random(9);
    for (int i = 0; i < 2_000; i++) {
      Event e = random(random);
      // As trees: labels and structured data are immutable maps whose iteration order is not part of the value.
      assertThat(json.mapper().readTree(json.toBytes(roundTrip(e)))).as("random event %d", i)
          .isEqualTo(json.mapper().readTree(json.toBytes(e)));
    }
  }

  @Test
  void aLongMessageRoundTrips() throws IOException {
    Event big = full().toBuilder().message("x".repeat(300_000)).build();
    assertThat(roundTrip(big)).isEqualTo(big);
  }

  @Test
  void corruptInputIsAnIoErrorNotAGarbageEvent() throws IOException {
    byte[] good = bytes(full());
    byte[] badPresence = good.clone();
    badPresence[0] = 7;
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
