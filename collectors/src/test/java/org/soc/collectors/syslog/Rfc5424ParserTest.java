package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Rfc5424ParserTest {
  private final Rfc5424Parser parser = new Rfc5424Parser();
  private final List<String> examples = Fixtures.lines("rfc5424-section-6.5.log");

  @Test
  void example1ParsesHeaderNilStructuredDataAndStripsBom() {
    SyslogMessage m = parser.parse(examples.get(0), ZoneOffset.UTC);
    assertThat(m.priority()).isEqualTo(34);
    assertThat(m.facility()).isEqualTo(4);
    assertThat(m.severity()).isEqualTo(2);
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.timestamp()).isEqualTo(Instant.parse("2003-10-11T22:14:15.003Z"));
    assertThat(m.hostname()).isEqualTo("mymachine.example.com");
    assertThat(m.appName()).isEqualTo("su");
    assertThat(m.procId()).isNull();
    assertThat(m.msgId()).isEqualTo("ID47");
    assertThat(m.structuredData()).isEmpty();
    assertThat(m.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
  }

  @Test
  void example2HasMicrosecondsAndNegativeOffset() {
    SyslogMessage m = parser.parse(examples.get(1), ZoneOffset.UTC);
    assertThat(m.timestamp()).isEqualTo(Instant.parse("2003-08-24T12:14:15.000003Z"));
    assertThat(m.hostname()).isEqualTo("192.0.2.1");
    assertThat(m.appName()).isEqualTo("myproc");
    assertThat(m.procId()).isEqualTo("8710");
    assertThat(m.msgId()).isNull();
    assertThat(m.message()).isEqualTo("%% It's time to make the do-nuts.");
  }

  @Test
  void example3ParsesOneStructuredDataElementAndMessage() {
    SyslogMessage m = parser.parse(examples.get(2), ZoneOffset.UTC);
    assertThat(m.structuredData()).containsExactly(Map.entry("exampleSDID@32473",
        Map.of("iut", "3", "eventSource", "Application", "eventID", "1011")));
    assertThat(m.message()).isEqualTo("An application event log entry...");
  }

  @Test
  void example4ParsesTwoStructuredDataElementsWithoutMessage() {
    SyslogMessage m = parser.parse(examples.get(3), ZoneOffset.UTC);
    assertThat(m.structuredData()).containsOnlyKeys("exampleSDID@32473", "examplePriority@32473");
    assertThat(m.structuredData().get("examplePriority@32473")).containsExactly(Map.entry("class", "high"));
    assertThat(m.message()).isNull();
  }

  @Test
  void paramValueEscapesAreUnescapedAndOtherBackslashesKept() {
    SyslogMessage m = parser.parse(
        "<13>1 - - - - - [a@1 q=\"say \\\"hi\\\"\" b=\"x\\\\y\" c=\"[1\\]\" d=\"C:\\dir\"] msg", ZoneOffset.UTC);
    assertThat(m.structuredData().get("a@1")).containsEntry("q", "say \"hi\"").containsEntry("b", "x\\y")
        .containsEntry("c", "[1]").containsEntry("d", "C:\\dir");
    assertThat(m.message()).isEqualTo("msg");
  }

  @Test
  void allNilValuesGiveNullFields() {
    SyslogMessage m = parser.parse("<13>1 - - - - - -", ZoneOffset.UTC);
    assertThat(m.timestamp()).isNull();
    assertThat(m.hostname()).isNull();
    assertThat(m.appName()).isNull();
    assertThat(m.structuredData()).isEmpty();
    assertThat(m.message()).isNull();
  }

  @Test
  void repeatedParamIsJoined() {
    SyslogMessage m = parser.parse("<13>1 - h a - - [origin ip=\"192.0.2.1\" ip=\"192.0.2.2\"]", ZoneOffset.UTC);
    assertThat(m.structuredData().get("origin")).containsEntry("ip", "192.0.2.1, 192.0.2.2");
  }

  @Test
  void timestampWithoutOffsetIsReadInTheAgencyZone() {
    SyslogMessage m = parser.parse("<13>1 2025-03-14T09:00:00 h a - - - x", Fixtures.PARIS);
    assertThat(m.timestamp()).isEqualTo(Instant.parse("2025-03-14T08:00:00Z"));
  }

  @Test
  void unterminatedStructuredDataIsRejectedWithOffset() {
    assertThatThrownBy(() -> parser.parse("<13>1 - h a - - [id k=\"v", ZoneOffset.UTC))
        .isInstanceOf(SyslogParseException.class)
        .satisfies(e -> assertThat(((SyslogParseException) e).type()).isEqualTo("invalid_sd"))
        .satisfies(e -> assertThat(((SyslogParseException) e).offset()).isEqualTo(24));
  }

  @Test
  void invalidTimestampIsRejected() {
    assertThatThrownBy(() -> parser.parse("<13>1 2003-13-45T99:00:00Z h a - - -", ZoneOffset.UTC))
        .isInstanceOf(SyslogParseException.class)
        .extracting(e -> ((SyslogParseException) e).type()).isEqualTo("invalid_timestamp");
  }

  @Test
  void appNameLongerThan48IsRejected() {
    String line = "<13>1 - h " + "a".repeat(49) + " - - -";
    assertThatThrownBy(() -> parser.parse(line, ZoneOffset.UTC)).isInstanceOf(SyslogParseException.class);
  }
}
