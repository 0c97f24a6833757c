package org.soc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@link EventJsonWriter} (behind {@link EventJson#toBytes}) against databind over the annotated records
 * ({@code mapper().writeValueAsBytes}), the writer it replaced: the same bytes for every event, and databind
 * reads them back to the same event.
 */
class EventJsonWriterTest {
  private final EventJson json = new EventJson();
  private final ObjectMapper databind = EventJson.newMapper();

  static Stream<Arguments> corpus() {
    byte[] garbage = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF};
    Map<String, Map<String, String>> sd = new LinkedHashMap<>();
    sd.put("timeQuality", Map.of("tzKnown", "1", "isSynced", "0"));
    sd.put("origin@48577", Map.of("ip", "10.10.1.5"));
    sd.put("empty@1", Map.of());
    Map<String, String> withNullAndEmpty = new HashMap<>();
    withNullAndEmpty.put("a", null);
    withNullAndEmpty.put("b", "");
    return Stream.of(
        Arguments.of("every field set", everyField()),
        Arguments.of("ssh failure", EventJsonTest.sshFailure()),
        Arguments.of("empty event", Event.builder().build()),
        Arguments.of("timestamp and message", Event.builder().timestamp(Instant.EPOCH).message("x").build()),
        Arguments.of("parse failure with original bytes", Event.builder()
            .timestamp(Instant.parse("2026-11-24T06:44:11Z"))
            .event(new Event.EventInfo("id1", "event", null, null, null, null, null,
                new String(garbage, StandardCharsets.UTF_8), Instant.parse("2026-11-24T06:44:11.000000001Z"),
                "syslog", null, null))
            .soc(new Event.SocInfo(Base64.getEncoder().encodeToString(garbage), garbage.length, Boolean.TRUE,
                "syslog-udp", Boolean.FALSE))
            .parseFailure("invalid_pri", "no <PRI> at offset 0")
            .tag("_truncated")
            .build()),
        Arguments.of("unicode and escapes", Event.builder()
            .timestamp(Instant.parse("1970-01-01T00:00:00.100Z"))
            .message("quote \" backslash \\ slash / tab \t nl \n cr \r nul \0 bell \u0007 del \u007f "
                + "latin é ü, CJK 日本語, emoji 😀, lone surrogate \uD800 end, U+2028 \u2028 U+FFFD \uFFFD")
            .label("ключ \"k\"", "значение\n")
            .label("", "empty key")
            .tag("тег")
            .tag("")
            .host(new Event.HostInfo("hôte-ü"))
            .error(new Event.ErrorInfo("ty\"pe", "\u0000\u001f"))
            .build()),
        Arguments.of("empty strings, lists and maps, empty nested records", Event.builder()
            .timestamp(Instant.parse("2026-01-01T00:00:00Z"))
            .event(new Event.EventInfo("", "", List.of(), List.of(), "", "", null, "", null, "", null, null))
            .source(new Event.Endpoint(null, null, null, null))
            .destination(new Event.Endpoint("", 0, 0L, 0L))
            .network(new Event.NetworkInfo(null, null, null, null, null))
            .user(new Event.UserInfo(""))
            .host(new Event.HostInfo(null))
            .process(new Event.ProcessInfo(null, null))
            .log(new Event.LogInfo(null))
            .observer(new Event.Observer(null, null, null, null))
            .organization(new Event.Organization(null, null))
            .message("")
            .error(new Event.ErrorInfo(null, null))
            .soc(new Event.SocInfo(null, null, null, null, null))
            .build()),
        Arguments.of("empty syslog and codes", Event.builder()
            .log(new Event.LogInfo(new Event.SyslogInfo(new Event.Code(null, null), new Event.Code(0, ""), 0, 1,
                null, null, null, null, Map.of())))
            .build()),
        Arguments.of("nested structured data, null and empty params", Event.builder()
            .log(new Event.LogInfo(new Event.SyslogInfo(new Event.Code(16, "local0"), new Event.Code(3, "err"), 131,
                1, "app", "-", "ID47", "host", Map.of("exampleSDID@32473", Map.of("iut", "3", "eventSource",
                    "Application \"x\" ]", "eventID", "1011"), "examplePriority@32473", Map.of("class", "high"),
                    "nulls@1", withNullAndEmpty, "none@1", Map.of()))))
            .build()),
        Arguments.of("ordered structured data", Event.builder()
            .log(new Event.LogInfo(new Event.SyslogInfo(null, null, null, null, null, null, null, null, sd)))
            .build()),
        Arguments.of("extreme numbers and instants", Event.builder()
            .timestamp(Instant.MIN)
            .event(new Event.EventInfo(null, null, null, null, null, null, Integer.MIN_VALUE, null, Instant.MAX,
                null, Instant.ofEpochSecond(-1, 999_999_999), Instant.ofEpochSecond(253402300800L)))
            .source(new Event.Endpoint("::1", Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE))
            .process(new Event.ProcessInfo("p", -1L))
            .soc(new Event.SocInfo(null, -5, false, null, true))
            .build()));
  }

  static Event everyField() {
    return Event.builder()
        .timestamp(Instant.parse("2026-11-24T06:44:11.123456Z"))
        .event(new Event.EventInfo("0192f3a8b1c2000000000001000000", "event", List.of("network", "intrusion_detection"),
            List.of("connection", "denied"), "deny", "failure", 8, "<134>1 2026-11-24T06:44:11Z fw01 asa - - - %ASA",
            Instant.parse("2026-11-24T06:44:11.200Z"), "syslog", Instant.parse("2026-11-24T06:40:00Z"),
            Instant.parse("2026-11-24T06:44:00.5Z")))
        .source(new Event.Endpoint("203.0.113.7", 4242, 1200L, 10L))
        .destination(new Event.Endpoint("2001:db8::1", 443, 88000L, 70L))
        .network(new Event.NetworkInfo("tcp", "6", 89200L, 80L, "inbound"))
        .user(new Event.UserInfo("root"))
        .host(new Event.HostInfo("fw01"))
        .process(new Event.ProcessInfo("asa", 4711L))
        .log(new Event.LogInfo(new Event.SyslogInfo(new Event.Code(16, "local0"), new Event.Code(6, "info"), 134, 1,
            "asa", "4711", "106023", "fw01", Map.of("origin@48577", Map.of("ip", "10.10.1.5", "software", "asa")))))
        .observer(new Event.Observer("10.10.1.5", 51514, "relay01", "syslog"))
        .organization(new Event.Organization("health", "Ministry of Health"))
        .message("Deny tcp src outside:203.0.113.7/4242 dst inside:10.0.0.5/443")
        .label("event.code", "106023")
        .label("observer.vendor", "Cisco")
        .tag("asa")
        .tag("firewall")
        .error(new Event.ErrorInfo("decoder_error", "boom"))
        .soc(new Event.SocInfo("AAEC", 3, Boolean.TRUE, "syslog-tcp", Boolean.FALSE))
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void writesTheSameBytesAsDatabind(String name, Event event) throws Exception {
    byte[] expected = databind.writeValueAsBytes(event);
    assertThat(new String(json.toBytes(event), StandardCharsets.UTF_8))
        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
    assertThat(json.toBytes(event)).isEqualTo(expected);
    assertThat(json.toJson(event)).isEqualTo(databind.writeValueAsString(event));
  }

  @Test
  void everyFieldRoundTrips() {
    Event event = everyField();
    assertThat(json.fromBytes(json.toBytes(event))).isEqualTo(event);
    assertThat(json.fromJson(json.toJson(event))).isEqualTo(event);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void readsBackWhatDatabindReadsBack(String name, Event event) throws Exception {
    Event viaDatabind = databind.readValue(databind.writeValueAsBytes(event), Event.class);
    assertThat(json.fromBytes(json.toBytes(event))).isEqualTo(viaDatabind);
  }

  /** Property-style: random events from fixed seeds (reproducible), each field present or not, odd strings. */
  @Test
  void randomEventsWriteTheSameBytesAsDatabind() throws Exception {
    for (long seed = 0; seed < 3_000; seed++) {
      Event event = new RandomEvents(new Random(seed)).event();
      byte[] expected = databind.writeValueAsBytes(event);
      byte[] actual = json.toBytes(event);
      assertThat(new String(actual, StandardCharsets.UTF_8))
          .as("seed %d", seed)
          .isEqualTo(new String(expected, StandardCharsets.UTF_8));
      assertThat(actual).as("seed %d", seed).isEqualTo(expected);
      assertThat(json.fromBytes(actual)).as("seed %d", seed)
          .isEqualTo(databind.readValue(expected, Event.class));
    }
  }

  @Test
  void numbersAreWrittenAsLongToStringWritesThem() {
    List<Long> values = new ArrayList<>(List.of(0L, 1L, 9L, 10L, 99L, 100L, -1L, -10L, (long) Integer.MAX_VALUE,
        Integer.MAX_VALUE + 1L, (long) Integer.MIN_VALUE, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      values.add(random.nextLong() >> random.nextInt(64));
    }
    Utf8JsonBuffer out = new Utf8JsonBuffer(16);
    for (long v : values) {
      out.reset();
      out.writeNumber(v);
      assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(Long.toString(v));
      out.reset();
      out.writeNumberAsString(v);
      assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo('"' + Long.toString(v) + '"');
      // The direct-access writer, after something already in the buffer.
      out.reset();
      out.writeStartArray();
      byte[] b = out.reserve(20);
      out.commit(Utf8JsonBuffer.putDigits(b, out.size(), v));
      assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("[" + v);
    }
  }

  @Test
  void instantsAreFormattedAsInstantToString() {
    List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochSecond(-1),
        Instant.ofEpochSecond(0, 1), Instant.ofEpochSecond(0, 10), Instant.ofEpochSecond(0, 1_000),
        Instant.ofEpochSecond(0, 100_000), Instant.ofEpochSecond(0, 1_000_000), Instant.ofEpochSecond(0, 999_999_999),
        Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
        Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1),
        Instant.parse("2024-02-29T12:00:00Z"), Instant.parse("1900-03-01T00:00:00Z"), Instant.MIN, Instant.MAX));
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      long second = -62_167_219_200L - 1_000
          + (long) (random.nextDouble() * (253_402_300_799L + 62_167_219_200L + 2_000));
      int nano = switch (random.nextInt(4)) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      instants.add(Instant.ofEpochSecond(second, nano));
    }
    // Sorted too, so that runs of one day take the buffer's kept-day path, not only fresh days.
    List<Instant> sorted = new ArrayList<>(instants);
    Collections.sort(sorted);
    instants.addAll(sorted);
    Utf8JsonBuffer out = new Utf8JsonBuffer(64);
    for (Instant instant : instants) {
      out.reset();
      out.writeInstant(instant);
      assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo('"' + instant.toString() + '"');
      out.reset();
      out.writeStartArray();
      out.reserve(64); // room for the JDK's text of any Instant, quoted
      out.commit(out.putInstant(out.size(), instant.getEpochSecond(), instant.getNano()));
      assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("[\"" + instant + '"');
    }
  }

  @Test
  void aDirectWriteCommitsOnlyWithinWhatWasReserved() {
    Utf8JsonBuffer out = new Utf8JsonBuffer(16);
    out.writeStartObject();
    byte[] b = out.reserve(100);
    assertThat(b.length).isGreaterThanOrEqualTo(101);
    assertThatThrownBy(() -> out.commit(0)).as("behind what was written").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> out.commit(b.length + 1)).isInstanceOf(IllegalArgumentException.class);
    b[1] = '}';
    out.commit(2);
    assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("{}");
  }

  /** The random event of {@code seed}, as {@link #randomEventsWriteTheSameBytesAsDatabind} makes them. */
  static Event randomEvent(long seed) {
    return new RandomEvents(new Random(seed)).event();
  }

  private static final class RandomEvents {
    private static final String[] SAMPLES = {
        "", " ", "root", "203.0.113.7", "2001:db8::1", "-", "\"", "\\", "\n", "\u0000", "\u001f", "\u007f", "é",
        "日本", "😀", "\uD800", "\u2028", "</script>", "a\tb", "null", "0", "{}", "[]", "origin@48577"};
    private final Random random;

    RandomEvents(Random random) {
      this.random = random;
    }

    Event event() {
      EventBuilder b = Event.builder()
          .timestamp(maybe(this::instant))
          .event(maybe(() -> new Event.EventInfo(string(), string(), strings(), strings(), string(), string(),
              integer(), string(), instant(), string(), instant(), instant())))
          .source(maybe(this::endpoint))
          .destination(maybe(this::endpoint))
          .network(maybe(() -> new Event.NetworkInfo(string(), string(), longValue(), longValue(), string())))
          .user(maybe(() -> new Event.UserInfo(string())))
          .host(maybe(() -> new Event.HostInfo(string())))
          .process(maybe(() -> new Event.ProcessInfo(string(), longValue())))
          .log(maybe(() -> new Event.LogInfo(maybe(() -> new Event.SyslogInfo(code(), code(), integer(), integer(),
              string(), string(), string(), string(), structuredData())))))
          .observer(maybe(() -> new Event.Observer(string(), integer(), string(), string())))
          .organization(maybe(() -> new Event.Organization(string(), string())))
          .message(string())
          .error(maybe(() -> new Event.ErrorInfo(string(), string())))
          .soc(maybe(() -> new Event.SocInfo(string(), integer(), bool(), string(), bool())));
      int labels = random.nextInt(4);
      for (int i = 0; i < labels; i++) {
        b.label(nonNull(), nonNull());
      }
      int tags = random.nextInt(4);
      for (int i = 0; i < tags; i++) {
        b.tag(nonNull());
      }
      return b.build();
    }

    private <T> T maybe(java.util.function.Supplier<T> value) {
      return random.nextInt(3) == 0 ? null : value.get();
    }

    private Event.Endpoint endpoint() {
      return new Event.Endpoint(string(), integer(), longValue(), longValue());
    }

    private Event.Code code() {
      return maybe(() -> new Event.Code(integer(), string()));
    }

    private Map<String, Map<String, String>> structuredData() {
      if (random.nextInt(3) == 0) {
        return null;
      }
      Map<String, Map<String, String>> sd = new LinkedHashMap<>();
      int elements = random.nextInt(4);
      for (int i = 0; i < elements; i++) {
        Map<String, String> params = new LinkedHashMap<>();
        int n = random.nextInt(4);
        for (int j = 0; j < n; j++) {
          params.put(nonNull(), random.nextInt(8) == 0 ? null : nonNull());
        }
        sd.put(nonNull() + i, params);
      }
      return sd;
    }

    private String string() {
      return random.nextInt(4) == 0 ? null : nonNull();
    }

    private String nonNull() {
      StringBuilder s = new StringBuilder();
      int parts = random.nextInt(4);
      for (int i = 0; i < parts; i++) {
        if (random.nextBoolean()) {
          s.append(SAMPLES[random.nextInt(SAMPLES.length)]);
        } else {
          int length = random.nextInt(12);
          for (int j = 0; j < length; j++) {
            s.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x3000) : 0x20 + random.nextInt(0x5f)));
          }
        }
      }
      return s.toString();
    }

    private List<String> strings() {
      if (random.nextInt(3) == 0) {
        return null;
      }
      List<String> list = new ArrayList<>();
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        list.add(nonNull());
      }
      return list;
    }

    private Integer integer() {
      return switch (random.nextInt(5)) {
        case 0 -> null;
        case 1 -> 0;
        case 2 -> random.nextInt();
        default -> random.nextInt(70_000);
      };
    }

    private Long longValue() {
      return switch (random.nextInt(5)) {
        case 0 -> null;
        case 1 -> 0L;
        case 2 -> random.nextLong();
        default -> (long) random.nextInt(1_000_000);
      };
    }

    private Boolean bool() {
      return random.nextInt(3) == 0 ? null : random.nextBoolean();
    }

    private Instant instant() {
      return switch (random.nextInt(6)) {
        case 0 -> null;
        case 1 -> Instant.ofEpochSecond(random.nextInt(2_000_000_000));
        case 2 -> Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L);
        case 3 -> Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
        case 4 -> Instant.ofEpochSecond(random.nextLong() % 300_000_000_000L, random.nextInt(1_000) * 1_000L);
        default -> Instant.EPOCH;
      };
    }
  }
}
