package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class Rfc3164ParserTest {
  private final Rfc3164Parser parser = new Rfc3164Parser(Fixtures.CLOCK);
  private final List<String> examples = Fixtures.lines("rfc3164-section-5.4.log");

  @Test
  void example1ParsesTimestampHostnameTagAndMessage() {
    SyslogMessage m = parser.parse(examples.get(0), ZoneOffset.UTC);
    assertThat(m.priority()).isEqualTo(34);
    // Clock is 2025-03-14: October 2025 would be in the future, so the line is from October 2024.
    assertThat(m.timestamp()).isEqualTo(Instant.parse("2024-10-11T22:14:15Z"));
    assertThat(m.hostname()).isEqualTo("mymachine");
    assertThat(m.appName()).isEqualTo("su");
    assertThat(m.procId()).isNull();
    assertThat(m.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
  }

  @Test
  void example3TakesCstAsHostnameAndTheRestAsMessageAsTheRfcDescribes() {
    SyslogMessage m = parser.parse(examples.get(1), ZoneOffset.UTC);
    assertThat(m.hostname()).isEqualTo("CST");
    assertThat(m.appName()).isNull();
    assertThat(m.message()).startsWith("1987 mymachine myproc[10]: %%");
  }

  @Test
  void example5KeepsNestedRelayHeaderInMessage() {
    SyslogMessage m = parser.parse(examples.get(2), ZoneOffset.UTC);
    assertThat(m.priority()).isZero();
    assertThat(m.hostname()).isEqualTo("scapegoat");
    assertThat(m.message()).startsWith("1990 Oct 22 10:52:01 TZ-6");
  }

  @Test
  void tagWithPidAndNoHostname() {
    SyslogMessage m = parser.parse("<38>Mar 14 09:26:53 sshd[24117]: Failed password", ZoneOffset.UTC);
    assertThat(m.hostname()).isNull();
    assertThat(m.appName()).isEqualTo("sshd");
    assertThat(m.procId()).isEqualTo("24117");
    assertThat(m.message()).isEqualTo("Failed password");
  }

  @Test
  void spacePaddedDayAndAgencyZone() {
    SyslogMessage m = parser.parse("<13>Mar  4 09:00:00 host app: x", Fixtures.PARIS);
    assertThat(m.timestamp()).isEqualTo(Instant.parse("2025-03-04T08:00:00Z"));
  }

  @Test
  void yearIsInferredInTheAgencyZoneNotUtc() {
    // 2024-12-31T23:30Z is already 2025-01-01 00:30 in Paris.
    Rfc3164Parser p = new Rfc3164Parser(Clock.fixed(Instant.parse("2024-12-31T23:30:00Z"), ZoneOffset.UTC));
    SyslogMessage m = p.parse("<13>Jan  1 00:29:00 host app: x", Fixtures.PARIS);
    assertThat(m.timestamp()).isEqualTo(Instant.parse("2024-12-31T23:29:00Z"));
  }

  @Test
  void decemberLineReceivedInJanuaryGetsThePreviousYear() {
    Rfc3164Parser p = new Rfc3164Parser(Clock.fixed(Instant.parse("2025-01-01T00:00:05Z"), ZoneOffset.UTC));
    SyslogMessage m = p.parse("<13>Dec 31 23:59:58 host app: x", ZoneOffset.UTC);
    assertThat(m.timestamp()).isEqualTo(Instant.parse("2024-12-31T23:59:58Z"));
  }

  @Test
  void lineUpToOneDayAheadStaysInTheCurrentYear() {
    SyslogMessage m = parser.parse("<13>Mar 14 20:00:00 host app: x", ZoneOffset.UTC);
    assertThat(m.timestamp()).isEqualTo(Instant.parse("2025-03-14T20:00:00Z"));
  }

  @Test
  void february29InACommonYearIsFromTheLastLeapYear() {
    SyslogMessage m = parser.parse("<13>Feb 29 12:00:00 host app: x", ZoneOffset.UTC);
    assertThat(m.timestamp()).isEqualTo(Instant.parse("2024-02-29T12:00:00Z"));
  }

  @Test
  void isoTimestampWithOffsetAndFraction() {
    SyslogMessage m = parser.parse("<13>2025-03-14T09:26:53.123456+01:00 host app[1]: x", Fixtures.PARIS);
    assertThat(m.timestamp()).isEqualTo(Instant.parse("2025-03-14T08:26:53.123456Z"));
    assertThat(m.hostname()).isEqualTo("host");
    assertThat(m.appName()).isEqualTo("app");
  }

  @Test
  void fractionAfterBsdSecondsAndYearAfterDay() {
    assertThat(parser.parse("<13>Mar 14 09:00:00.250 host app: x", ZoneOffset.UTC).timestamp())
        .isEqualTo(Instant.parse("2025-03-14T09:00:00.250Z"));
    assertThat(parser.parse("<13>Oct 11 2023 22:14:15 host app: x", ZoneOffset.UTC).timestamp())
        .isEqualTo(Instant.parse("2023-10-11T22:14:15Z"));
  }

  @Test
  void lineWithoutTimestampIsAllMessage() {
    SyslogMessage m = parser.parse("<13>just some text", ZoneOffset.UTC);
    assertThat(m.timestamp()).isNull();
    assertThat(m.hostname()).isNull();
    assertThat(m.message()).isEqualTo("just some text");
  }

  @Test
  void missingPriIsRejected() {
    assertThatThrownBy(() -> parser.parse("Use the BFG!", ZoneOffset.UTC))
        .isInstanceOf(SyslogParseException.class)
        .extracting(e -> ((SyslogParseException) e).type()).isEqualTo("missing_pri");
  }
}
