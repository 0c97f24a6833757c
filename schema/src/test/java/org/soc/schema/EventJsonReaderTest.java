package org.soc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EventJsonReader} against databind, the reader it stands in for: what our writers produce it reads itself,
 * to the same event; whatever else it leaves to databind, so {@link EventJson#fromBytes} accepts, coerces and
 * rejects exactly what databind does.
 */
class EventJsonReaderTest {
  private final ObjectMapper databind = EventJson.newMapper();
  private final EventJsonReader reader = new EventJsonReader();
  private final EventJson json = new EventJson();

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.soc.schema.EventJsonWriterTest#corpus")
  void readsWhatTheWriterWritesToWhatDatabindReads(String name, Event event) throws Exception {
    byte[] doc = json.toBytes(event);
    Event fast = reader.read(doc);
    assertThat(fast != null).as("taken by the fast reader").isEqualTo(ordinaryInstants(event));
    assertThat(json.fromBytes(doc)).isEqualTo(databind.readValue(doc, Event.class));
  }

  /** Whether every instant of {@code e} is one {@link IsoInstantDeserializer}'s fast path reads (years 0-9999). */
  private static boolean ordinaryInstants(Event e) {
    java.util.List<java.time.Instant> instants = new java.util.ArrayList<>();
    instants.add(e.timestamp());
    if (e.event() != null) {
      instants.addAll(java.util.Arrays.asList(e.event().ingested(), e.event().start(), e.event().end()));
    }
    return instants.stream().allMatch(i -> i == null || IsoInstantDeserializer.parse(i.toString()) != null);
  }

  @Test
  void randomEventsAreReadByTheFastReaderToWhatDatabindReads() throws Exception {
    int taken = 0;
    for (long seed = 0; seed < 3_000; seed++) {
      Event event = EventJsonWriterTest.randomEvent(seed);
      byte[] doc = json.toBytes(event);
      Event fast = reader.read(doc);
      assertThat(fast != null).as("seed %d taken", seed).isEqualTo(ordinaryInstants(event));
      assertThat(json.fromBytes(doc)).as("seed %d", seed).isEqualTo(databind.readValue(doc, Event.class));
      taken += fast != null ? 1 : 0;
    }
    assertThat(taken).as("random events with only ordinary instants").isGreaterThan(300);
  }

  @Test
  void unknownMembersAreSkippedAsDatabindSkipsThem() throws Exception {
    String doc = """
        {"@timestamp":"2026-11-24T06:44:11Z","vendor":{"a":[1,{"b":null}],"c":"d"},
         "source":{"ip":"203.0.113.7","geo":{"country_iso_code":"NL"},"port":22},"labels":{"k":"v"},"x":1.5}""";
    Event fast = reader.read(doc.getBytes(StandardCharsets.UTF_8));
    assertThat(fast).isNotNull().isEqualTo(databind.readValue(doc, Event.class));
    assertThat(fast.source().port()).isEqualTo(22);
  }

  /** Shapes databind coerces or rejects: the fast reader declines them, and fromBytes gives databind's answer. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"source\":{\"port\":\"22\"}}",
      "{\"source\":{\"port\":22.7}}",
      "{\"source\":{\"port\":4294967296}}",
      "{\"source\":{\"bytes\":99999999999999999999999}}",
      "{\"message\":42}",
      "{\"message\":\"a\",\"message\":\"b\"}",
      "{\"source\":{\"ip\":\"a\",\"ip\":\"b\"}}",
      "{\"labels\":{\"k\":\"a\",\"k\":\"b\"}}",
      "{\"labels\":{\"k\":1}}",
      "{\"tags\":\"single\"}",
      "{\"tags\":[\"a\",null]}",
      "{\"soc\":{\"late\":\"true\"}}",
      "{\"soc\":{\"late\":1}}",
      "{\"@timestamp\":\"2026-11-24 06:44:11\"}",
      "{\"@timestamp\":\"2026-11-24T24:00:00Z\"}",
      "{\"@timestamp\":1732430651000}",
      "{\"event\":[]}",
      "{\"log\":{\"syslog\":{\"structured_data\":{\"a@1\":null}}}}",
      "{\"log\":{\"syslog\":{\"structured_data\":{\"a@1\":{\"p\":\"1\",\"p\":\"2\"}}}}}",
      "{\"source\":{\"ip\":\"203.0.113.7\"",
      "{\"source\":",
      "[{\"message\":\"x\"}]",
      "\"just a string\"",
      "{\"message\":\"x\"}trailing",
      "{\"message\":\"x\"} {",
      "not json"})
  void whatTheFastReaderDeclinesDatabindDecides(String doc) {
    byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
    Object viaDatabind = outcome(() -> databind.readValue(bytes, Event.class));
    Object viaFromBytes = outcome(() -> json.fromBytes(bytes));
    assertThat(viaFromBytes).isEqualTo(viaDatabind);
    if (!doc.endsWith("trailing") && !doc.endsWith("} {")) {
      assertThat(reader.read(bytes)).as("declined").isNull();
    }
  }

  /** Byte-level mutations of real documents: fromBytes is databind's answer, event or failure, every time. */
  @Test
  void mutatedDocumentsGetDatabindsAnswer() throws Exception {
    Random random = new Random(7);
    byte[] alphabet = "{}[]\":,0123456789-.eE tfnul\\\"xé".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 20_000; i++) {
      byte[] doc = json.toBytes(EventJsonWriterTest.randomEvent(i % 500)).clone();
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        doc[random.nextInt(doc.length)] = alphabet[random.nextInt(alphabet.length)];
      }
      byte[] mutated = doc;
      assertThat(outcome(() -> json.fromBytes(mutated))).as("mutation %d: %s", i,
          new String(mutated, StandardCharsets.UTF_8)).isEqualTo(outcome(() -> databind.readValue(mutated, Event.class)));
    }
  }

  /** JSON's edges, where a hand-written reader most easily parts from Jackson: each gets databind's answer. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"source\":{\"port\":-0}}",
      "{\"source\":{\"port\":022}}",
      "{\"source\":{\"port\":2147483647}}",
      "{\"source\":{\"port\":-2147483648}}",
      "{\"source\":{\"port\":-2147483649}}",
      "{\"source\":{\"bytes\":9223372036854775807}}",
      "{\"source\":{\"bytes\":-9223372036854775808}}",
      "{\"source\":{\"bytes\":9223372036854775808}}",
      "{\"source\":{\"bytes\":1e3}}",
      "{\"source\":{\"bytes\":-}}",
      "{\"source\":{\"bytes\":+1}}",
      "{\"message\":\"tab\\tquote\\\"slash\\/u\\u00e9\\u20AC\"}",
      "{\"message\":\"bad escape \\x\"}",
      "{\"message\":\"short \\u12\"}",
      "{\"message\":\"pair \\uD83D\\uDE00 lone \\uDC00\"}",
      "{\"message\":\"raw\ttab\"}",
      "{\"message\":\"caf\u00e9 \u65e5\u672c \ud83d\ude00\"}",
      " \r\n\t{ \"message\" : \"x\" , \"tags\" : [ \"a\" , \"b\" ] } \n",
      "{\"tags\":[]}",
      "{\"tags\":[\"a\",]}",
      "{\"tags\":[,\"a\"]}",
      "{\"message\":\"x\",}",
      "{,\"message\":\"x\"}",
      "{\"message\" \"x\"}",
      "{\"soc\":{\"late\":truex}}",
      "{\"soc\":{\"late\":nul}}",
      "{\"message\":null}",
      "{\"event\":null,\"labels\":null,\"tags\":null}",
      "{\"vendor\":[1,-0.5e-3,2E+8,true,false,null,\"s\",{},[],{\"a\":[{}]}]}",
      "{\"vendor\":01}",
      "{\"vendor\":1.}",
      "{\"vendor\":.5}",
      "{\"vendor\":NaN}",
      "{\"vendor\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
      "{\"vendor\":{\"a\":1,\"a\":2}}",
      "{\"vendor\":{\"a\" 1}}",
      "{}",
      "{} ",
      "{}}",
      ""})
  void documentsAtJsonsEdgesGetDatabindsAnswer(String doc) {
    byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
    assertThat(outcome(() -> json.fromBytes(bytes))).isEqualTo(outcome(() -> databind.readValue(bytes, Event.class)));
  }

  /** Bytes that are not UTF-8, or not the shortest UTF-8: databind's answer, never a different string. */
  @ParameterizedTest
  @ValueSource(strings = {"C0AF", "E080AF", "EDA080", "F4908080", "F8888080", "80", "C3", "E282", "FF", "C328",
      "00", "EFBBBF"})
  void malformedUtf8GetsDatabindsAnswer(String hex) {
    byte[] bad = java.util.HexFormat.of().parseHex(hex);
    byte[] inString = concat("{\"message\":\"a".getBytes(StandardCharsets.UTF_8), bad,
        "b\"}".getBytes(StandardCharsets.UTF_8));
    byte[] leading = concat(bad, "{\"message\":\"x\"}".getBytes(StandardCharsets.UTF_8), new byte[0]);
    for (byte[] doc : new byte[][] {inString, leading}) {
      assertThat(outcome(() -> json.fromBytes(doc))).as(hex)
          .isEqualTo(outcome(() -> databind.readValue(doc, Event.class)));
    }
  }

  private static byte[] concat(byte[] a, byte[] b, byte[] c) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length + c.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    System.arraycopy(c, 0, out, a.length + b.length, c.length);
    return out;
  }

  /** Any byte value written anywhere in real documents: databind's answer every time. */
  @Test
  void documentsWithArbitraryBytesGetDatabindsAnswer() {
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      byte[] doc = json.toBytes(EventJsonWriterTest.randomEvent(i % 500)).clone();
      for (int m = 1 + random.nextInt(2); m > 0; m--) {
        doc[random.nextInt(doc.length)] = (byte) random.nextInt(256);
      }
      byte[] mutated = doc;
      assertThat(outcome(() -> json.fromBytes(mutated))).as("mutation %d", i)
          .isEqualTo(outcome(() -> databind.readValue(mutated, Event.class)));
    }
  }

  private interface Read {
    Event read() throws Exception;
  }

  /** The event read, or "failed" (the messages differ by wrapper, not by what was wrong). */
  private static Object outcome(Read read) {
    try {
      return read.read();
    } catch (Exception e) {
      return "failed";
    }
  }
}
