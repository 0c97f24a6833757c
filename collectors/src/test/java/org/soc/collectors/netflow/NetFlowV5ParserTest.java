package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.soc.collectors.netflow.FlowFixtures.HEALTH;
import static org.soc.collectors.netflow.FlowFixtures.NOW;
import static org.soc.collectors.netflow.FlowFixtures.ROUTER;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.soc.schema.Event;

class NetFlowV5ParserTest {
  private final NetFlowV5Parser parser = new NetFlowV5Parser();
  private final FlowEventEncoder encoder = new FlowEventEncoder(FlowFixtures.ids());

  @Test
  void decodesRecordsWithAbsoluteTimesAndEcsFields() {
    FlowParseResult result = parser.parse(ROUTER, FlowFixtures.v5(0));
    assertThat(result.problems()).isEmpty();
    assertThat(result.records()).hasSize(2);
    Event e = encoder.toEvent(result.records().get(0), HEALTH, NOW, FlowServer.INPUT_NETFLOW);
    assertThat(e.event().kind()).isEqualTo("event");
    assertThat(e.event().category()).containsExactly("network");
    assertThat(e.event().type()).containsExactly("connection");
    assertThat(e.event().dataset()).isEqualTo("netflow");
    assertThat(e.event().id()).hasSize(32);
    // Export at unix 10:00:00.500 with sysUptime 360,000: First 300,000 is 60 s earlier, Last 359,000 1 s.
    assertThat(e.event().start()).isEqualTo(NOW.plusMillis(500).minusSeconds(60));
    assertThat(e.event().end()).isEqualTo(NOW.plusMillis(500).minusSeconds(1));
    assertThat(e.timestamp()).isEqualTo(e.event().end());
    assertThat(e.source()).isEqualTo(new Event.Endpoint("10.10.1.5", 51234, 3400L, 12L));
    assertThat(e.destination()).isEqualTo(Event.Endpoint.of("203.0.113.80", 443));
    assertThat(e.network().transport()).isEqualTo("tcp");
    assertThat(e.network().ianaNumber()).isEqualTo("6");
    assertThat(e.network().bytes()).isEqualTo(3400L);
    assertThat(e.network().packets()).isEqualTo(12L);
    assertThat(e.observer()).isEqualTo(new Event.Observer("10.10.0.1", 50001, null, "netflow"));
    assertThat(e.organization().id()).isEqualTo("health");
    assertThat(e.soc().input()).isEqualTo("netflow-udp");
    assertThat(e.labels()).containsEntry("netflow.tcp_flags", "0x1b")
        .containsEntry("netflow.tcp_flags_names", "FIN,SYN,PSH,ACK")
        .containsEntry("observer.ingress.interface.id", "3")
        .containsEntry("observer.egress.interface.id", "4")
        .containsEntry("source.as.number", "64500")
        .containsEntry("destination.as.number", "64501")
        .containsEntry("netflow.next_hop", "10.10.0.254")
        .containsEntry("netflow.version", "5")
        .doesNotContainKey("netflow.sampling_interval");
    Event udp = encoder.toEvent(result.records().get(1), HEALTH, NOW, FlowServer.INPUT_NETFLOW);
    assertThat(udp.network().transport()).isEqualTo("udp");
    assertThat(udp.destination().port()).isEqualTo(53);
    assertThat(udp.labels()).doesNotContainKey("netflow.tcp_flags");
  }

  @Test
  void headerSamplingIntervalScalesCountersAndKeepsRawFigures() {
    // Mode 01 (deterministic) in the top two bits, interval 10 in the low 14.
    FlowParseResult result = parser.parse(ROUTER, FlowFixtures.v5(0x4000 | 10));
    Event e = encoder.toEvent(result.records().get(0), HEALTH, NOW, FlowServer.INPUT_NETFLOW);
    assertThat(e.network().bytes()).isEqualTo(34_000L);
    assertThat(e.network().packets()).isEqualTo(120L);
    assertThat(e.labels()).containsEntry("netflow.sampling_interval", "10")
        .containsEntry("netflow.bytes_raw", "3400").containsEntry("netflow.packets_raw", "12");
  }

  @Test
  void uptimeWrapKeepsStartBeforeEnd() {
    // sysUptime wrapped to 1,000 ms; the flow started 2,000 ms before the wrap (First = 2^32 - 2,000).
    Bin b = Bin.of()
        .u16(5).u16(1)              // version, count
        .u32(1_000)                 // sysUptime just after the 49.7-day wrap
        .u32(FlowFixtures.NOW_SECS).u32(0) // unix_secs, unix_nsecs
        .u32(1).u8(0).u8(0).u16(0); // sequence, engine type/id, sampling
    FlowFixtures.v5Record(b, "10.10.1.5", "10.10.1.6", 1, 2, 17, 0, 1, 1, 0xFFFF_FFFFL - 1_999, 500);
    FlowRecord r = parser.parse(ROUTER, b.build()).records().get(0);
    assertThat(r.start()).isEqualTo(NOW.minusMillis(3_000));
    assertThat(r.end()).isEqualTo(NOW.minusMillis(500));
  }

  @Test
  void countLargerThanRecordsDecodesWhatIsThereAndReportsIt() {
    byte[] p = FlowFixtures.v5(0);
    p[3] = 30; // count says 30, two records present
    FlowParseResult result = parser.parse(ROUTER, p);
    assertThat(result.records()).hasSize(2);
    assertThat(result.problems()).singleElement().isInstanceOf(CorruptFlowSetException.class);
  }

  @Test
  void truncatedHeaderIsCorrupt() {
    assertThatThrownBy(() -> parser.parse(ROUTER, new byte[] {0, 5, 0, 1, 0}))
        .isInstanceOf(CorruptFlowSetException.class).hasMessageContaining("header truncated")
        .hasMessageContaining("exporter /10.10.0.1:50001");
  }

  @Test
  void unknownVersionIsRejectedByTheDispatcher() {
    MutableClock clock = new MutableClock(NOW);
    FlowPacketParser all = new FlowPacketParser(
        new TemplateCache(TemplateCache.Limits.defaults(), clock, new FlowMetrics(a -> "x", 10)), clock,
        FlowLimits.defaults());
    assertThatThrownBy(() -> all.parse(ROUTER, new byte[] {0, 7, 0, 0}))
        .isInstanceOf(UnsupportedVersionException.class)
        .satisfies(e -> assertThat(((UnsupportedVersionException) e).version()).isEqualTo(7));
    assertThat(all.parse(ROUTER, FlowFixtures.v5(0)).records()).hasSize(2);
    assertThat(List.of(all.parse(ROUTER, FlowFixtures.v5(0)))).hasSize(1);
  }
}
