package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.collectors.netflow.FlowFixtures.HEALTH;
import static org.soc.collectors.netflow.FlowFixtures.IPFIX_DOMAIN;
import static org.soc.collectors.netflow.FlowFixtures.NOW;
import static org.soc.collectors.netflow.FlowFixtures.ROUTER;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.soc.schema.Event;

class IpfixParserTest {
  private final FlowWorld w = new FlowWorld();

  private Event event(FlowRecord r) {
    return w.encoder.toEvent(r, HEALTH, NOW, FlowServer.INPUT_IPFIX);
  }

  @Test
  void ipv6WithMillisecondTimesEnterpriseAndVariableLengthElements() {
    FlowParseResult result = w.parser.parse(ROUTER, FlowFixtures.ipfixTemplatesAndData());
    assertThat(result.problems()).isEmpty();
    assertThat(result.records()).hasSize(2);
    Event e = event(result.records().get(0));
    assertThat(e.event().dataset()).isEqualTo("ipfix");
    assertThat(e.observer().type()).isEqualTo("ipfix");
    assertThat(e.source()).isEqualTo(new Event.Endpoint("2001:db8:0:0:0:0:0:5", 40000, 123_456L, 100L));
    assertThat(e.destination().port()).isEqualTo(443);
    assertThat(e.event().start()).isEqualTo(NOW.minusSeconds(30));
    assertThat(e.event().end()).isEqualTo(NOW.minusSeconds(1));
    assertThat(e.labels()).containsEntry("netflow.tcp_flags_names", "SYN,ACK")
        .containsEntry("netflow.enterprise_fields_skipped", "1")
        .containsEntry("netflow.observation_domain_id", "42")
        .containsEntry("netflow.version", "10");
    Event second = event(result.records().get(1));
    assertThat(second.network().transport()).isEqualTo("udp");
    assertThat(second.destination().port()).isEqualTo(53);
  }

  @Test
  void optionsSystemInitTimeResolvesSysUpTimeAndSamplingScales() {
    FlowParseResult result = w.parser.parse(ROUTER, FlowFixtures.ipfixOptionsAndData301());
    assertThat(result.problems()).isEmpty();
    assertThat(result.optionsRecords()).isEqualTo(1);
    Event e = event(result.records().get(0));
    Instant init = NOW.minusSeconds(3600);
    assertThat(e.event().start()).isEqualTo(init.plusSeconds(3000));
    assertThat(e.event().end()).isEqualTo(init.plusSeconds(3010));
    // samplingPacketInterval 1, samplingPacketSpace 9: one packet in ten.
    assertThat(e.network().bytes()).isEqualTo(5000L);
    assertThat(e.labels()).containsEntry("netflow.sampling_interval", "10").containsEntry("netflow.bytes_raw", "500");
  }

  @Test
  void withdrawalForgetsOneTemplateThenAll() {
    w.parser.parse(ROUTER, FlowFixtures.ipfixTemplatesAndData());
    w.parser.parse(ROUTER, FlowFixtures.ipfixOptionsAndData301());
    assertThat(w.cache.size(ROUTER)).isEqualTo(3);
    // Template set with one withdrawal record: Template ID 300, Field Count 0 (RFC 7011 section 8.1).
    byte[] one = FlowFixtures.ipfix(IPFIX_DOMAIN, Bin.of().set(2, Bin.of().u16(300).u16(0)));
    FlowParseResult r1 = w.parser.parse(ROUTER, one);
    assertThat(r1.withdrawals()).isEqualTo(1);
    assertThat(w.cache.get(ROUTER, IPFIX_DOMAIN, 300)).isNull();
    assertThat(w.cache.get(ROUTER, IPFIX_DOMAIN, 301)).isNotNull();
    // "All data templates": Template ID 2 (the set id), Field Count 0.
    w.parser.parse(ROUTER, FlowFixtures.ipfix(IPFIX_DOMAIN, Bin.of().set(2, Bin.of().u16(2).u16(0))));
    assertThat(w.cache.get(ROUTER, IPFIX_DOMAIN, 301)).isNull();
    assertThat(w.cache.get(ROUTER, IPFIX_DOMAIN, 400)).as("options template stays").isNotNull();
    // Data for a withdrawn template is held, not misdecoded.
    FlowParseResult after = w.parser.parse(ROUTER,
        FlowFixtures.ipfix(IPFIX_DOMAIN, FlowFixtures.ipfixData300()));
    assertThat(after.records()).isEmpty();
    assertThat(after.heldSets()).isEqualTo(1);
  }

  @Test
  void ntpMicrosecondAndDeltaTimeForms() {
    Bin t = Bin.of()
        .u16(310).u16(4)            // Template ID 310, Field Count 4
        .field(8, 4)                // sourceIPv4Address
        .field(154, 8)              // flowStartMicroseconds (NTP format)
        .field(159, 4)              // flowEndDeltaMicroseconds
        .field(161, 4);             // flowDurationMilliseconds (ignored: both ends known)
    long ntpSeconds = FlowFixtures.NOW_SECS - 20 + 2_208_988_800L;
    Bin d = Bin.of()
        .ip("10.10.1.9")
        .u32(ntpSeconds).u32(0x8000_0000L) // NTP seconds since 1900, fraction one half
        .u32(2_000_000)             // ended 2 s before export
        .u32(18_500);
    FlowParseResult r = w.parser.parse(ROUTER, FlowFixtures.ipfix(IPFIX_DOMAIN, Bin.of().set(2, t).set(310, d)));
    assertThat(r.problems()).isEmpty();
    assertThat(r.records().get(0).start()).isEqualTo(NOW.minusSeconds(20).plusMillis(500));
    assertThat(r.records().get(0).end()).isEqualTo(NOW.minusSeconds(2));
  }

  @Test
  void secondsAndDurationTimeForms() {
    Bin t = Bin.of()
        .u16(311).u16(3)            // Template ID 311, Field Count 3
        .field(8, 4)                // sourceIPv4Address
        .field(150, 4)              // flowStartSeconds
        .field(161, 4);             // flowDurationMilliseconds
    Bin d = Bin.of().ip("10.10.1.9").u32(FlowFixtures.NOW_SECS - 10).u32(4_000);
    FlowRecord r = w.parser.parse(ROUTER, FlowFixtures.ipfix(IPFIX_DOMAIN, Bin.of().set(2, t).set(311, d)))
        .records().get(0);
    assertThat(r.start()).isEqualTo(NOW.minusSeconds(10));
    assertThat(r.end()).isEqualTo(NOW.minusSeconds(6));
  }
}
