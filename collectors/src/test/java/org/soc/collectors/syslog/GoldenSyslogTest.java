package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.soc.schema.Event;
import org.soc.schema.EventJson;

/**
 * Golden fixtures under {@code src/test/resources/syslog/golden/}: each {@code <name>.log} holds one raw line in
 * the shape the RFC or the vendor documents, {@code <name>.json} the ECS fields it must produce. Only the fields
 * present in the expected file are compared (objects recursively, arrays and values exactly), so ids and
 * ingestion times do not matter; the clock and id source are fixed anyway ({@link Fixtures}). Adding a case is
 * adding a file pair.
 */
class GoldenSyslogTest {
  static final String DIR = "/syslog/golden";
  private static final ObjectMapper MAPPER = new EventJson().mapper();

  static Path dir() {
    try {
      return Path.of(GoldenSyslogTest.class.getResource(DIR).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(dir())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
    }
  }

  /** The raw line: the file without its final line terminator. */
  static byte[] line(String name) throws IOException {
    String text = Files.readString(dir().resolve(name + ".log"), StandardCharsets.UTF_8);
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void producesTheExpectedEcsFields(String name) throws IOException {
    byte[] raw = line(name);
    Event event = Fixtures.parser().parse(raw, Fixtures.HEALTH_SENDER, SyslogMessageParser.INPUT_UDP);
    JsonNode actual = MAPPER.valueToTree(event);
    JsonNode expected = MAPPER.readTree(dir().resolve(name + ".json").toFile());
    assertThat(event.event().original()).as("event.original").isEqualTo(new String(raw, StandardCharsets.UTF_8));
    assertSubset(name, "", expected, actual);
  }

  @Test
  void everyLogHasItsJsonAndThereAreEnoughCases() throws IOException {
    List<String> names = cases().toList();
    for (String name : names) {
      assertThat(dir().resolve(name + ".json")).as(name).exists();
    }
    try (Stream<Path> files = Files.list(dir())) {
      assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(names.size());
    }
    assertThat(names.size()).isGreaterThanOrEqualTo(40);
  }

  static void assertSubset(String name, String path, JsonNode expected, JsonNode actual) {
    if (expected.isObject()) {
      if (actual == null || !actual.isObject()) {
        fail("%s: %s expected an object %s but was %s", name, path, expected, actual);
      }
      Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String p = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
        JsonNode a = actual.get(f.getKey());
        if (f.getValue().isNull()) {
          assertThat(a == null || a.isNull()).as("%s: %s must be absent but was %s", name, p, a).isTrue();
        } else {
          assertSubset(name, p, f.getValue(), a);
        }
      }
    } else if (expected.isNumber() && actual != null && actual.isNumber()) {
      assertThat(actual.decimalValue()).as("%s: %s", name, path).isEqualByComparingTo(expected.decimalValue());
    } else {
      assertThat(actual).as("%s: %s", name, path).isEqualTo(expected);
    }
  }
}
