package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.soc.collectors.kafka.InMemoryEventPublisher;
import org.soc.schema.Event;

/**
 * A real exporter: softflowd (Debian package, installed by .ci/run) reads a pcap this test writes (TCP and UDP
 * conversations with known addresses, ports, packets and bytes) and exports NetFlow v5, v9 or IPFIX to our
 * FlowServer; every flow must arrive exactly once with the figures the test generated.
 */
class SoftflowdExportIT {
  private static final Path SOFTFLOWD = Path.of("/usr/sbin/softflowd");
  private static final Instant T0 = Instant.parse("2025-03-14T09:59:00Z");

  /** One direction of a conversation, as an exporter reports it. */
  record Flow(String src, int sport, String dst, int dport, int protocol) {}

  private record Totals(long packets, long bytes, int flags, Instant first, Instant last) {}

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;
  private static Path pcap;
  private static final Map<Flow, Totals> expected = new HashMap<>();

  @BeforeAll
  static void writePcap() throws IOException {
    assertThat(Files.isExecutable(SOFTFLOWD)).as("softflowd installed (apt-get install softflowd)").isTrue();
    PcapWriter w = new PcapWriter();
    List<Object[]> packets = new ArrayList<>();
    // TCP 10.10.1.5:40001 <-> 203.0.113.80:443: handshake, 3 requests, 2 responses, FINs.
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
      int ms = (Integer) p[0];
      Instant at = T0.plusMillis(ms * 10L);
      int length = w.packet(at, (String) p[1], (String) p[3], (Integer) p[5], (Integer) p[2],
          (Integer) p[4], (Integer) p[6], (Integer) p[7]);
      Flow f = new Flow((String) p[1], (Integer) p[2], (String) p[3], (Integer) p[4], (Integer) p[5]);
      expected.merge(f, new Totals(1, length, (Integer) p[6], at, at),
          (a, b) -> new Totals(a.packets + b.packets, a.bytes + b.bytes, a.flags | b.flags, a.first, b.last));
    }
    pcap = dir.resolve("conversations.pcap");
    w.write(pcap);
  }

  /** Totals of both directions of the flow's conversation (first and last packet either way). */
  private static Totals conversation(Flow f) {
    Totals there = expected.get(f);
    Totals back = expected.get(new Flow(f.dst(), f.dport(), f.src(), f.sport(), f.protocol()));
    if (back == null) {
      return there;
    }
    return new Totals(0, 0, 0, there.first().isBefore(back.first()) ? there.first() : back.first(),
        there.last().isAfter(back.last()) ? there.last() : back.last());
  }

  /** Each step: {tcp flags, payload bytes, 0 client-to-server / 1 server-to-client}. */
  private static void tcp(List<Object[]> packets, int t, String client, int cport, String server, int sport,
      int[][] steps) {
    for (int i = 0; i < steps.length; i++) {
      int[] s = steps[i];
      packets.add(s[2] == 0
          ? new Object[] {t + i, client, cport, server, sport, 6, s[0], s[1]}
          : new Object[] {t + i, server, sport, client, cport, 6, s[0], s[1]});
    }
  }

  @ParameterizedTest(name = "softflowd -v {0}")
  @ValueSource(strings = {"5", "9", "10"})
  void everyFlowArrivesWithItsFigures(String version) throws Exception {
    InMemoryEventPublisher publisher = new InMemoryEventPublisher();
    FlowConfig config = FlowConfig.defaults().withBindHost("127.0.0.1").withPorts(0, -1).withThreads(1);
    try (FlowServer server = FlowServer.create(config, FlowFixtures.registry(), publisher, Clock.systemUTC(),
        FlowFixtures.ids())) {
      int port = server.start().netflow();
      // -a: flow times from the pcap's timestamps rather than softflowd's own clock.
      Process p = new ProcessBuilder(SOFTFLOWD.toString(), "-d", "-r", pcap.toString(),
          "-n", "127.0.0.1:" + port, "-v", version, "-a", "-p", dir.resolve("sf" + version + ".pid").toString(),
          // No control socket: with -r, softflowd 1.1.0 tests the control socket's poll result without having
          // polled, so depending on stack contents it blocks in accept() forever.
          "-c", "none")
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectErrorStream(true).redirectOutput(dir.resolve("sf" + version + ".log").toFile()).start();
      try {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("softflowd finished").isTrue();
      } finally {
        p.destroyForcibly();
      }
      Map<Flow, Event> got = new HashMap<>();
      while (got.size() < expected.size()) {
        Event e = publisher.poll(Duration.ofSeconds(10));
        if (e == null) {
          break;
        }
        Flow f = new Flow(e.source().ip(), e.source().port(), e.destination().ip(), e.destination().port(),
            Integer.parseInt(e.network().ianaNumber()));
        assertThat(got.put(f, e)).as("flow reported once: " + f).isNull();
      }
      assertThat(publisher.poll(Duration.ofMillis(500))).as("no extra flows").isNull();
      String log = Files.readString(dir.resolve("sf" + version + ".log"), StandardCharsets.UTF_8);
      assertThat(got.keySet()).as("softflowd log:\n" + log).containsExactlyInAnyOrderElementsOf(expected.keySet());
      for (Map.Entry<Flow, Totals> x : expected.entrySet()) {
        Event e = got.get(x.getKey());
        String what = x.getKey().toString();
        assertEquals(x.getValue().packets(), e.network().packets(), what + " packets");
        assertEquals(x.getValue().bytes(), e.network().bytes(), what + " bytes");
        assertThat(e.event().dataset()).isEqualTo("10".equals(version) ? "ipfix" : "netflow");
        assertThat(e.labels()).containsEntry("netflow.version", version);
        assertThat(e.network().transport()).isEqualTo(x.getKey().protocol() == 6 ? "tcp" : "udp");
        if (x.getKey().protocol() == 6) {
          assertThat(e.labels()).as(what + " tcp flags")
              .containsEntry("netflow.tcp_flags", "0x" + Integer.toHexString(x.getValue().flags()));
        }
        // softflowd keeps one time pair per conversation (both directions), and -a makes them the pcap times.
        Totals conversation = conversation(x.getKey());
        Duration tolerance = "9".equals(version)
            ? Duration.ofSeconds(1) // the v9 header has unix_secs only (RFC 3954 section 5.1): sub-second lost
            : Duration.ofMillis(1);
        assertThat(Duration.between(conversation.first(), e.event().start()).abs()).as(what + " start")
            .isLessThan(tolerance);
        assertThat(Duration.between(conversation.last(), e.event().end()).abs()).as(what + " end")
            .isLessThan(tolerance);
      }
      assertThat(server.metrics().total(FlowMetrics.Kind.UNDECODABLE)).isZero();
    }
  }
}
