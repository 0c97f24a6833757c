package org.soc.collectors.netflow;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.soc.collectors.kafka.EventPublisher;
import org.soc.schema.Event;

/**
 * Rough throughput figures for docs/benchmarks.md (not JMH: no fork control or blackhole beyond a checksum;
 * run with {@code -Dflow.bench=true -Dtest=FlowDecodeBench}). Measures parse + ECS mapping on one thread, and
 * flows delivered through FlowServer over loopback UDP from one sender thread.
 */
@EnabledIfSystemProperty(named = "flow.bench", matches = "true")
class FlowDecodeBench {
  private static final long WARMUP_NANOS = 3_000_000_000L;
  private static final long MEASURE_NANOS = 5_000_000_000L;

  /** v9: template 256 known, a data flowset of 24 records (58 bytes each, 1,412-byte datagram). */
  static byte[] v9Dense() {
    Bin d = Bin.of();
    for (int i = 0; i < 24; i++) {
      FlowFixtures.v9Record(d, "10.10.1." + (i + 1), "203.0.113.80", 40000 + i, 443, 6, 0x1b, 3400, 12, 0);
    }
    return FlowFixtures.v9Header(24).set(256, d).build();
  }

  /** IPFIX: template 301 known, a data set of 50 records (25 bytes each, 1,270-byte datagram). */
  static byte[] ipfixDense() {
    Bin d = Bin.of();
    for (int i = 0; i < 50; i++) {
      d.ip("10.10.1." + (i + 1)).ip("192.0.2.10").u16(1234 + i).u16(161).u8(17).u32(500).u32(3_000_000)
          .u32(3_010_000);
    }
    return FlowFixtures.ipfix(FlowFixtures.IPFIX_DOMAIN, Bin.of().set(301, d));
  }

  @Test
  void parseAndMapOneThread() {
    report("v9   ", FlowFixtures.v9TemplateOnly(), v9Dense());
    report("ipfix", FlowFixtures.ipfixOptionsAndData301(), ipfixDense());
  }

  private static void report(String name, byte[] templates, byte[] data) {
    FlowWorld w = new FlowWorld();
    w.parser.parse(FlowFixtures.ROUTER, templates);
    run(w, data, WARMUP_NANOS);
    long start = System.nanoTime();
    long[] flows = run(w, data, MEASURE_NANOS);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("BENCH %s parse+map, 1 thread: %,.0f flows/s (%,.0f datagrams/s) checksum %d%n", name,
        flows[0] / seconds, flows[1] / seconds, flows[2]);
  }

  private static long[] run(FlowWorld w, byte[] data, long nanos) {
    long end = System.nanoTime() + nanos;
    long flows = 0;
    long datagrams = 0;
    long checksum = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 100; i++) {
        for (FlowRecord r : w.parser.parse(FlowFixtures.ROUTER, data).records()) {
          Event e = w.mapper.toEvent(r, FlowFixtures.HEALTH, FlowFixtures.NOW, FlowServer.INPUT_NETFLOW);
          checksum += e.network().bytes();
          flows++;
        }
        datagrams++;
      }
    }
    return new long[] {flows, datagrams, checksum};
  }

  /** Decoder + handler in an EmbeddedChannel: the Netty pipeline's per-datagram cost without sockets. */
  @Test
  void throughPipelineNoSocket() {
    pipelineRun("v9   ", FlowFixtures.v9TemplateOnly(), v9Dense());
    pipelineRun("ipfix", FlowFixtures.ipfixOptionsAndData301(), ipfixDense());
  }

  private static void pipelineRun(String name, byte[] templates, byte[] data) {
    FlowWorld w = new FlowWorld();
    LongAdder events = new LongAdder();
    EventPublisher counting = new EventPublisher() {
      @Override
      public void publish(Event event) {
        events.increment();
      }

      @Override
      public long inFlight() {
        return 0;
      }

      @Override
      public void close() {}
    };
    java.net.InetSocketAddress local = new java.net.InetSocketAddress("127.0.0.1", 2055);
    io.netty.channel.embedded.EmbeddedChannel ch = new io.netty.channel.embedded.EmbeddedChannel(
        new FlowDatagramDecoder(65535, w.metrics), new FlowMessageHandler(w.parser, w.mapper, counting, w.registry,
            w.metrics, Clock.systemUTC(), FlowServer.INPUT_NETFLOW, 100_000, java.time.Duration.ofMinutes(1)));
    ch.writeInbound(new io.netty.channel.socket.DatagramPacket(io.netty.buffer.Unpooled.wrappedBuffer(templates),
        local, FlowFixtures.ROUTER));
    long measureFrom = 0;
    long start = System.nanoTime();
    long warm = start + WARMUP_NANOS;
    long end = warm + MEASURE_NANOS;
    long now;
    while ((now = System.nanoTime()) < end) {
      if (measureFrom == 0 && now >= warm) {
        measureFrom = events.sum();
        start = now;
      }
      ch.writeInbound(new io.netty.channel.socket.DatagramPacket(io.netty.buffer.Unpooled.wrappedBuffer(data),
          local, FlowFixtures.ROUTER));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("BENCH %s pipeline (EmbeddedChannel), 1 thread: %,.0f flows/s%n", name,
        (events.sum() - measureFrom) / seconds);
    ch.finishAndReleaseAll();
  }

  @Test
  void throughFlowServerOverLoopback() throws Exception {
    serverRun("v9   ", FlowFixtures.v9TemplateOnly(), v9Dense(), 24);
    serverRun("ipfix", FlowFixtures.ipfixOptionsAndData301(), ipfixDense(), 50);
  }

  /** The same replay against nfcapd (Debian nfdump), counting what it stored with {@code nfdump -I}. */
  @Test
  void throughNfcapdOverLoopback() throws Exception {
    nfcapdRun("v9   ", FlowFixtures.v9TemplateOnly(), v9Dense(), 24);
    nfcapdRun("ipfix", FlowFixtures.ipfixOptionsAndData301(), ipfixDense(), 50);
  }

  private static void nfcapdRun(String name, byte[] templates, byte[] data, int perDatagram) throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("nfcapd");
    int port;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Process nfcapd = new ProcessBuilder("nfcapd", "-b", "127.0.0.1", "-p", Integer.toString(port), "-w",
        dir.toString(), "-t", "3600", "-B", Integer.toString(8 * 1024 * 1024))
        .redirectErrorStream(true).redirectOutput(dir.resolve("nfcapd.log").toFile()).start();
    long sent = 0;
    try (DatagramSocket socket = new DatagramSocket()) {
      Thread.sleep(1000);
      InetAddress lo = InetAddress.getLoopbackAddress();
      socket.send(new DatagramPacket(templates, templates.length, lo, port));
      Thread.sleep(200);
      long end = System.nanoTime() + MEASURE_NANOS;
      DatagramPacket packet = new DatagramPacket(data, data.length, lo, port);
      while (System.nanoTime() < end) {
        socket.send(packet);
        sent++;
      }
      Thread.sleep(500);
    } finally {
      nfcapd.destroy(); // SIGTERM: nfcapd writes its current file and exits
      nfcapd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    Process dump = new ProcessBuilder("nfdump", "-R", dir.toString(), "-I").redirectErrorStream(true).start();
    String stats = new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    dump.waitFor();
    long flows = stats.lines().filter(l -> l.startsWith("Flows:")).mapToLong(l -> Long.parseLong(l.split(":")[1].trim()))
        .findFirst().orElse(-1);
    double seconds = MEASURE_NANOS / 1e9;
    System.out.printf("BENCH %s nfcapd loopback: sent %,.0f flows/s, stored %,.0f flows/s (%.1f%% of sent)%n", name,
        sent * perDatagram / seconds, flows / seconds, 100.0 * flows / (sent * perDatagram));
  }

  private static void serverRun(String name, byte[] templates, byte[] data, int perDatagram) throws Exception {
    LongAdder events = new LongAdder();
    EventPublisher counting = new EventPublisher() {
      @Override
      public void publish(Event event) {
        events.increment();
      }

      @Override
      public long inFlight() {
        return 0;
      }

      @Override
      public void close() {}
    };
    FlowConfig config = FlowConfig.defaults().withBindHost("127.0.0.1").withPorts(0, -1);
    try (FlowServer server = FlowServer.create(config, FlowFixtures.registry(), counting, Clock.systemUTC(),
        FlowFixtures.ids()); DatagramSocket socket = new DatagramSocket()) {
      int port = server.start().netflow();
      InetAddress lo = InetAddress.getLoopbackAddress();
      socket.send(new DatagramPacket(templates, templates.length, lo, port));
      Thread.sleep(200);
      long sent = 0;
      long start = System.nanoTime();
      long end = start + MEASURE_NANOS;
      DatagramPacket packet = new DatagramPacket(data, data.length, lo, port);
      while (System.nanoTime() < end) {
        socket.send(packet);
        sent++;
      }
      Thread.sleep(500); // let the collector drain its socket buffer
      double seconds = MEASURE_NANOS / 1e9;
      long got = events.sum();
      System.out.printf("BENCH %s FlowServer loopback: sent %,.0f flows/s, delivered %,.0f flows/s (%.1f%% of sent)%n",
          name, sent * perDatagram / seconds, got / seconds, 100.0 * got / (sent * perDatagram));
    }
  }
}
