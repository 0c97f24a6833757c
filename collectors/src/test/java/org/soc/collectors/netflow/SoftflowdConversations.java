package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.soc.schema.Event;

/**
 * The traffic softflowd is fed: TCP and UDP conversations with known addresses, ports, packets and bytes, as a
 * pcap this class writes; and the check that the events decoded from softflowd's export match it.
 */
final class SoftflowdConversations {
  static final Instant T0 = Instant.parse("2025-03-14T09:59:00Z");

  /** One direction of a conversation, as an exporter reports it. */
  record Flow(String src, int sport, String dst, int dport, int protocol) {}

  record Totals(long packets, long bytes, int flags, Instant first, Instant last) {}

  private final Map<Flow, Totals> expected = new LinkedHashMap<>();
  private final PcapWriter pcap = new PcapWriter();

  SoftflowdConversations() {
    List<Object[]> packets = new ArrayList<>();
    // TCP 10.10.1.5:40001 <-> 203.0.113.80:443: handshake, requests, responses, FINs.
    tcp(packets, 0, "10.10.1.5", 40001, "203.0.113.80", 443, new int[][] {
        {0x02, 0, 0}, {0x12, 0, 1}, {0x10, 0, 0}, {0x18, 120, 0}, {0x18, 1400, 1}, {0x18, 1400, 1},
        {0x18, 80, 0}, {0x18, 300, 0}, {0x11, 0, 0}, {0x11, 0, 1}, {0x10, 0, 0}});
    // TCP 10.10.1.8:50000 <-> 198.51.100.25:22: four packets each way.
    tcp(packets, 100, "10.10.1.8", 50000, "198.51.100.25", 22, new int[][] {
        {0x02, 0, 0}, {0x12, 0, 1}, {0x10, 0, 0}, {0x18, 40, 1}, {0x18, 64, 0}, {0x18, 500, 1},
        {0x11, 0, 0}, {0x11, 0, 1}});
    // UDP DNS 10.10.1.6:5353 <-> 198.51.100.53:53: one query, one answer.
    packets.add(new Object[] {200, "10.10.1.6", 5353, "198.51.100.53", 53, 17, 0, 40});
    packets.add(new Object[] {201, "198.51.100.53", 53, "10.10.1.6", 5353, 17, 0, 120});
    // UDP SNMP traps 10.10.1.7:1234 -> 192.0.2.10:162, one way only, three packets.
    for (int i = 0; i < 3; i++) {
      packets.add(new Object[] {300 + i, "10.10.1.7", 1234, "192.0.2.10", 162, 17, 0, 90 + i});
    }
    for (Object[] p : packets) {
      Instant at = T0.plusMillis((Integer) p[0] * 10L);
      int length = pcap.packet(at, (String) p[1], (String) p[3], (Integer) p[5], (Integer) p[2], (Integer) p[4],
          (Integer) p[6], (Integer) p[7]);
      Flow f = new Flow((String) p[1], (Integer) p[2], (String) p[3], (Integer) p[4], (Integer) p[5]);
      expected.merge(f, new Totals(1, length, (Integer) p[6], at, at),
          (a, b) -> new Totals(a.packets + b.packets, a.bytes + b.bytes, a.flags | b.flags, a.first, b.last));
    }
  }

  /** Each step: {tcp flags, payload bytes, 0 client-to-server / 1 server-to-client}; 10 ms apart. */
  private static void tcp(List<Object[]> packets, int t, String client, int cport, String server, int sport,
      int[][] steps) {
    for (int i = 0; i < steps.length; i++) {
      int[] s = steps[i];
      packets.add(s[2] == 0
          ? new Object[] {t + i, client, cport, server, sport, 6, s[0], s[1]}
          : new Object[] {t + i, server, sport, client, cport, 6, s[0], s[1]});
    }
  }

  void writePcap(Path file) throws IOException {
    pcap.write(file);
  }

  Map<Flow, Totals> expected() {
    return expected;
  }

  static Flow flowOf(Event e) {
    return new Flow(e.source().ip(), e.source().port(), e.destination().ip(), e.destination().port(),
        Integer.parseInt(e.network().ianaNumber()));
  }

  /**
   * Every expected flow exactly once, with its packets, bytes, TCP flags and times. softflowd keeps one time
   * pair per conversation (both directions) and, with {@code -a}, takes them from the pcap.
   */
  void assertMatches(List<Event> events, int version) {
    Map<Flow, Event> got = new LinkedHashMap<>();
    for (Event e : events) {
      assertThat(got.put(flowOf(e), e)).as("flow reported once: " + flowOf(e)).isNull();
    }
    assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    Duration tolerance = version == 9
        ? Duration.ofSeconds(1) // the v9 header has unix_secs only (RFC 3954 section 5.1): sub-second lost
        : Duration.ofMillis(1);
    for (Map.Entry<Flow, Totals> x : expected.entrySet()) {
      Event e = got.get(x.getKey());
      String what = x.getKey() + " v" + version;
      assertThat(e.network().packets()).as(what + " packets").isEqualTo(x.getValue().packets());
      assertThat(e.network().bytes()).as(what + " bytes").isEqualTo(x.getValue().bytes());
      assertThat(e.event().dataset()).isEqualTo(version == 10 ? "ipfix" : "netflow");
      assertThat(e.labels()).containsEntry("netflow.version", Integer.toString(version));
      assertThat(e.network().transport()).isEqualTo(x.getKey().protocol() == 6 ? "tcp" : "udp");
      if (x.getKey().protocol() == 6) {
        assertThat(e.labels()).as(what + " tcp flags")
            .containsEntry("netflow.tcp_flags", "0x" + Integer.toHexString(x.getValue().flags()));
      }
      Totals conversation = conversation(x.getKey());
      assertThat(Duration.between(conversation.first(), e.event().start()).abs()).as(what + " start")
          .isLessThan(tolerance);
      assertThat(Duration.between(conversation.last(), e.event().end()).abs()).as(what + " end")
          .isLessThan(tolerance);
    }
  }

  private Totals conversation(Flow f) {
    Totals there = expected.get(f);
    Totals back = expected.get(new Flow(f.dst(), f.dport(), f.src(), f.sport(), f.protocol()));
    if (back == null) {
      return there;
    }
    return new Totals(0, 0, 0, there.first().isBefore(back.first()) ? there.first() : back.first(),
        there.last().isAfter(back.last()) ? there.last() : back.last());
  }
}
