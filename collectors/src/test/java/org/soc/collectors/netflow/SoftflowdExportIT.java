package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.soc.collectors.kafka.InMemoryEventPublisher;
import org.soc.schema.Event;

/**
 * A real exporter: softflowd (Debian package, installed by .ci/run) reads a pcap this test writes and exports
 * NetFlow v5, v9 or IPFIX. The test captures the export datagrams, replays them to our FlowServer and checks
 * every flow against what it generated; Wireshark's decoder ({@code tshark -T json}) on the same datagrams is
 * a second oracle for addresses, ports, protocol, octets, packets and TCP flags. The captures are written to
 * {@code target/netflow/}; with {@code -Dnetflow.fixtures.dir=src/test/resources/netflow} they refresh the
 * golden fixtures that {@link SoftflowdCaptureTest} decodes without softflowd.
 */
class SoftflowdExportIT {
  private static final Path SOFTFLOWD = Path.of("/usr/sbin/softflowd");
  private static final Path TSHARK = Path.of("/usr/bin/tshark");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;
  private static Path pcap;
  private static final SoftflowdConversations traffic = new SoftflowdConversations();

  @BeforeAll
  static void writePcap() throws Exception {
    assertThat(Files.isExecutable(SOFTFLOWD)).as("softflowd installed (apt-get install softflowd)").isTrue();
    pcap = dir.resolve("conversations.pcap");
    traffic.writePcap(pcap);
  }

  @ParameterizedTest(name = "softflowd -v {0}")
  @ValueSource(ints = {5, 9, 10})
  void everyFlowArrivesWithItsFigures(int version) throws Exception {
    List<byte[]> export = runSoftflowd(version);
    assertThat(export).isNotEmpty();
    Path capture = saveCapture(version, export);

    InMemoryEventPublisher publisher = new InMemoryEventPublisher();
    FlowConfig config = FlowConfig.defaults().withBindHost("127.0.0.1").withPorts(0, -1).withThreads(1);
    try (FlowServer server = FlowServer.create(config, FlowFixtures.registry(), publisher, Clock.systemUTC(),
        FlowFixtures.ids()); DatagramSocket exporter = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      int port = server.start().netflow();
      for (byte[] d : export) {
        exporter.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), port));
      }
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < traffic.expected().size(); i++) {
        events.add(publisher.take());
      }
      assertThat(publisher.poll(Duration.ofMillis(300))).as("no extra flows").isNull();
      traffic.assertMatches(events, version);
      assertThat(server.metrics().total(FlowMetrics.Kind.UNDECODABLE)).isZero();
      assertThat(tshark(capture)).as("tshark's view of the same datagrams").hasSize(traffic.expected().size())
          .isEqualTo(ours(events));
    }
  }

  /** Runs softflowd on the pcap, exporting to a socket of ours; returns the datagrams it sent. */
  private static List<byte[]> runSoftflowd(int version) throws Exception {
    try (DatagramSocket tap = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Process p = new ProcessBuilder(SOFTFLOWD.toString(), "-d", "-r", pcap.toString(),
          "-n", "127.0.0.1:" + tap.getLocalPort(), "-v", Integer.toString(version),
          "-a", // flow times from the pcap's timestamps rather than softflowd's clock
          "-p", dir.resolve("sf" + version + ".pid").toString(),
          // No control socket: with -r, softflowd 1.1.0 tests the control socket's poll result without having
          // polled, so depending on stack contents it blocks in accept() forever.
          "-c", "none")
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true).redirectOutput(dir.resolve("sf" + version + ".log").toFile()).start();
      try {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("softflowd finished").isTrue();
      } finally {
        p.destroyForcibly();
      }
      List<byte[]> out = new ArrayList<>();
      tap.setSoTimeout(500);
      byte[] buf = new byte[65536];
      while (true) {
        DatagramPacket d = new DatagramPacket(buf, buf.length);
        try {
          tap.receive(d);
        } catch (SocketTimeoutException done) {
          return out;
        }
        out.add(Arrays.copyOf(d.getData(), d.getLength()));
      }
    }
  }

  private static Path saveCapture(int version, List<byte[]> export) throws Exception {
    PcapWriter w = new PcapWriter();
    for (byte[] d : export) {
      w.udp(SoftflowdConversations.T0.plusSeconds(5), "127.0.0.1", "127.0.0.1", 40000, 2055, d);
    }
    String name = "softflowd-v" + version + ".pcap";
    Path target = Path.of("target", "netflow");
    Files.createDirectories(target);
    w.write(target.resolve(name));
    String fixtures = System.getProperty("netflow.fixtures.dir");
    if (fixtures != null) {
      w.write(Path.of(fixtures).resolve(name));
    }
    return target.resolve(name);
  }

  /** Flows as tshark decodes them: "src sport dst dport proto octets packets flags". */
  private static Set<String> tshark(Path capture) throws Exception {
    assertThat(Files.isExecutable(TSHARK)).as("tshark installed (apt-get install tshark)").isTrue();
    Process p = new ProcessBuilder(TSHARK.toString(), "-r", capture.toString(), "-d", "udp.port==2055,cflow",
        "-T", "json").redirectError(dir.resolve("tshark.err").toFile()).start();
    JsonNode root = new ObjectMapper().readTree(p.getInputStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Set<String> flows = new HashSet<>();
    collect(root, flows);
    return flows;
  }

  private static void collect(JsonNode node, Set<String> flows) {
    if (node.isObject() && node.has("cflow.srcaddr")) {
      flows.add(node.path("cflow.srcaddr").asText() + " " + node.path("cflow.srcport").asText() + " "
          + node.path("cflow.dstaddr").asText() + " " + node.path("cflow.dstport").asText() + " "
          + node.path("cflow.protocol").asText() + " " + node.path("cflow.octets").asText() + " "
          + node.path("cflow.packets").asText() + " " + node.path("cflow.tcpflags").asText());
      return;
    }
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      collect(it.next(), flows);
    }
  }

  private static Set<String> ours(List<Event> events) {
    Set<String> flows = new HashSet<>();
    for (Event e : events) {
      Map<String, String> l = e.labels();
      // Our TCP flags label is only set for TCP; tshark prints the exported byte for every flow.
      String flags = l.getOrDefault("netflow.tcp_flags", "0x0");
      flows.add(e.source().ip() + " " + e.source().port() + " " + e.destination().ip() + " "
          + e.destination().port() + " " + e.network().ianaNumber() + " " + e.network().bytes() + " "
          + e.network().packets() + " " + String.format("0x%02x", Integer.decode(flags)));
    }
    return flows;
  }
}
