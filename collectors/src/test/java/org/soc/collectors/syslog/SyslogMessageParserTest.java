package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.collectors.syslog.Fixtures.HEALTH_SENDER;
import static org.soc.collectors.syslog.Fixtures.NOW;
import static org.soc.collectors.syslog.Fixtures.utf8;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.soc.agency.AgencyRegistry;
import org.soc.schema.Event;
import org.soc.schema.EventJson;

class SyslogMessageParserTest {
  private final AgencyRegistry registry = Fixtures.registry();
  private final SyslogMessageParser parser = Fixtures.parser(registry);

  @Test
  void rfc5424LineFillsEcsFields() {
    String line = Fixtures.lines("rfc5424-section-6.5.log").get(2);
    Event e = parser.parse(utf8(line), HEALTH_SENDER, SyslogMessageParser.INPUT_TCP);

    assertThat(e.isParseFailure()).isFalse();
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2003-10-11T22:14:15.003Z"));
    assertThat(e.event().kind()).isEqualTo("event");
    assertThat(e.event().dataset()).isEqualTo("syslog");
    assertThat(e.event().ingested()).isEqualTo(NOW);
    assertThat(e.event().id()).hasSize(32).startsWith(String.format("%012x", NOW.toEpochMilli()));
    assertThat(e.event().original()).isEqualTo(line);
    Event.SyslogInfo s = e.log().syslog();
    assertThat(s.priority()).isEqualTo(165);
    assertThat(s.facility()).isEqualTo(new Event.Code(20, "local4"));
    assertThat(s.severity()).isEqualTo(new Event.Code(5, "Notice"));
    assertThat(s.version()).isEqualTo(1);
    assertThat(s.appname()).isEqualTo("evntslog");
    assertThat(s.msgid()).isEqualTo("ID47");
    assertThat(s.hostname()).isEqualTo("mymachine.example.com");
    assertThat(s.structuredData()).containsKey("exampleSDID@32473");
    assertThat(e.host().name()).isEqualTo("mymachine.example.com");
    assertThat(e.process().name()).isEqualTo("evntslog");
    assertThat(e.message()).isEqualTo("An application event log entry...");
    assertThat(e.observer().ip()).isEqualTo("10.10.1.2");
    assertThat(e.observer().port()).isEqualTo(40514);
    assertThat(e.organization()).isEqualTo(new Event.Organization("health", "Ministry of Health"));
    assertThat(e.soc().input()).isEqualTo("syslog-tcp");
    assertThat(e.soc().originalBase64()).isNull();
  }

  @Test
  void rfc3164LineFillsProcessPid() {
    Event e = parser.parse(utf8(Fixtures.lines("sshd.log").get(0)), HEALTH_SENDER, SyslogMessageParser.INPUT_UDP);
    assertThat(e.process()).isEqualTo(new Event.ProcessInfo("sshd", 24117L));
    assertThat(e.log().syslog().procid()).isEqualTo("24117");
    assertThat(e.log().syslog().version()).isNull();
    assertThat(e.host().name()).isEqualTo("bastion01");
    // 09:26:53 Paris (the agency's zone) is 08:26:53 UTC.
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2025-03-14T08:26:53Z"));
    assertThat(e.soc().input()).isEqualTo("syslog-udp");
  }

  @Test
  void unknownSenderGetsUnknownOrganizationAndIsCounted() {
    Event e = parser.parse(utf8("<13>Mar 14 09:00:00 h a: x"), Fixtures.UNKNOWN_SENDER, SyslogMessageParser.INPUT_UDP);
    assertThat(e.organizationId()).isEqualTo("unknown");
    assertThat(registry.unknownLookups()).isEqualTo(1);
  }

  @Test
  void missingTimestampUsesReceiveTimeAndSaysSo() {
    Event e = parser.parse(utf8("<13>1 - h a - - - no time"), HEALTH_SENDER, SyslogMessageParser.INPUT_UDP);
    assertThat(e.isParseFailure()).isFalse();
    assertThat(e.timestamp()).isEqualTo(NOW);
    assertThat(e.tags()).contains(SyslogMessageParser.TAG_RECEIVE_TIME);
  }

  @Test
  void trailingNewlineAndNulFromUdpSendersAreNotPartOfTheMessage() {
    Event e = parser.parse(utf8("<13>Mar 14 09:00:00 h a: x\r\n\0"), HEALTH_SENDER, SyslogMessageParser.INPUT_UDP);
    assertThat(e.message()).isEqualTo("x");
    assertThat(e.event().original()).isEqualTo("<13>Mar 14 09:00:00 h a: x");
  }

  @Test
  void truncatedFrameIsParsedAndFlagged() {
    byte[] cut = utf8("<13>Mar 14 09:00:00 h a: the beginn");
    Event e = parser.parse(new SyslogFrame(cut, 100_000, true, null, HEALTH_SENDER), SyslogMessageParser.INPUT_TCP);
    assertThat(e.isParseFailure()).isFalse();
    assertThat(e.tags()).contains(SyslogMessageParser.TAG_TRUNCATED);
    assertThat(e.soc().truncated()).isTrue();
    assertThat(e.soc().originalLength()).isEqualTo(100_000);
    assertThat(e.message()).isEqualTo("the beginn");
  }

  @Test
  void eventSurvivesJsonRoundTrip() {
    Event e = parser.parse(utf8(Fixtures.lines("rfc5424-section-6.5.log").get(3)), HEALTH_SENDER,
        SyslogMessageParser.INPUT_TCP);
    EventJson json = new EventJson();
    assertThat(json.fromBytes(json.toBytes(e))).isEqualTo(e);
    assertThat(json.toJson(e)).contains("\"structured_data\":{").contains("\"@timestamp\":\"2003-10-11T22:14:15.003Z\"");
  }

  @Test
  void sshdFailedPasswordProducesTheFieldsCorrelationRulesUse() {
    for (String line : new String[] {Fixtures.lines("sshd.log").get(0), Fixtures.lines("sshd.log").get(7)}) {
      Event e = parser.parse(utf8(line), HEALTH_SENDER, SyslogMessageParser.INPUT_UDP);
      assertThat(e.event().category()).containsExactly("authentication");
      assertThat(e.event().type()).containsExactly("start");
      assertThat(e.event().action()).isEqualTo("ssh_login");
      assertThat(e.event().outcome()).isEqualTo("failure");
      assertThat(e.user().name()).isEqualTo("root");
      assertThat(e.source()).isEqualTo(Event.Endpoint.of("203.0.113.7", 4242));
    }
  }

  @Test
  void sshdLikeTextFromAnotherProgramIsNotDecoded() {
    Event e = parser.parse(utf8("<38>Mar 14 09:26:53 h cron[1]: Failed password for root from 203.0.113.7 port 1 ssh2"),
        HEALTH_SENDER, SyslogMessageParser.INPUT_UDP);
    assertThat(e.event().action()).isNull();
    assertThat(e.source()).isNull();
  }

  @Test
  void structuredDataMapIsPreserved() {
    Event e = parser.parse(utf8("<13>1 - h a - - [x@1 k=\"v\"]"), HEALTH_SENDER, SyslogMessageParser.INPUT_UDP);
    assertThat(e.log().syslog().structuredData()).isEqualTo(Map.of("x@1", Map.of("k", "v")));
  }

  @Test
  void loggerWrappedSshdLineIsDecodedFromItsEmbeddedTag() {
    // What `logger -n host -P 5514 -d "sshd[123]: Failed password ..."` sends: APP-NAME is the user, MSG the line.
    String line = "<13>1 2026-11-24T07:07:26.173187+00:00 vm root - - [timeQuality tzKnown=\"1\" isSynced=\"0\"] "
        + "sshd[123]: Failed password for root from 203.0.113.7 port 4242 ssh2";
    Event e = parser.parse(utf8(line), HEALTH_SENDER, SyslogMessageParser.INPUT_UDP);
    assertThat(e.event().action()).isEqualTo("ssh_login");
    assertThat(e.event().outcome()).isEqualTo("failure");
    assertThat(e.source().ip()).isEqualTo("203.0.113.7");
    assertThat(e.process()).isEqualTo(new Event.ProcessInfo("sshd", 123L));
    assertThat(e.log().syslog().appname()).isEqualTo("root");
    assertThat(e.message()).isEqualTo("Failed password for root from 203.0.113.7 port 4242 ssh2");
    assertThat(e.event().original()).isEqualTo(line);
  }

  @Test
  void embeddedTagOfAProgramWithoutDecoderLeavesTheMessageAlone() {
    String line = "<13>Mar 14 09:00:00 vm root: cron[9]: Failed password for root from 203.0.113.7 port 1 ssh2";
    Event e = parser.parse(utf8(line), HEALTH_SENDER, SyslogMessageParser.INPUT_UDP);
    assertThat(e.event().action()).isNull();
    assertThat(e.process().name()).isEqualTo("root");
    assertThat(e.message()).startsWith("cron[9]: ");
  }

  @Test
  void observerIsTheSyslogSender() {
    Event e = parser.parse(utf8("<13>Mar 14 09:00:00 h a: x"), HEALTH_SENDER, SyslogMessageParser.INPUT_UDP);
    assertThat(e.observer().type()).isEqualTo("syslog");
    assertThat(e.observer().ip()).isEqualTo(HEALTH_SENDER.getAddress().getHostAddress());
  }

  @Test
  void decoderBugKeepsHeaderFieldsAndIsFlaggedNotThrown() {
    PayloadDecoder broken = m -> {
      throw new IllegalStateException("bug");
    };
    SyslogMessageParser p = new SyslogMessageParser(registry, Fixtures.CLOCK, new org.soc.schema.EventIdGenerator(1),
        java.util.List.of(broken));
    Event e = p.parse(utf8("<13>Mar 14 09:00:00 h app[7]: x"), HEALTH_SENDER, SyslogMessageParser.INPUT_UDP);
    assertThat(e.isParseFailure()).isTrue();
    assertThat(e.error().type()).isEqualTo("decoder_error");
    assertThat(e.host().name()).isEqualTo("h");
    assertThat(e.process()).isEqualTo(new Event.ProcessInfo("app", 7L));
    assertThat(e.event().original()).isEqualTo("<13>Mar 14 09:00:00 h app[7]: x");
  }

  @Test
  void ciscoSequenceNumberBecomesEventSequenceLabel() {
    Event e = parser.parse(utf8("<189>42: *Mar  1 18:46:11.123: %SYS-5-CONFIG_I: Configured from console by vty0"),
        HEALTH_SENDER, SyslogMessageParser.INPUT_UDP);
    assertThat(e.labels()).containsEntry("event.sequence", "42").containsEntry("event.code", "SYS-5-CONFIG_I");
  }
}
