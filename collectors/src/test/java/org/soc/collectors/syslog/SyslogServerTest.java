package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.soc.collectors.CollectorService;
import org.soc.collectors.kafka.InMemoryEventPublisher;
import org.soc.schema.Event;
import org.soc.schema.EventIdGenerator;

/** Real sockets on 127.0.0.1, ephemeral ports, an in-memory sink instead of Kafka. */
class SyslogServerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Path LOGGER = Path.of("/usr/bin/logger");

  private final InMemoryEventPublisher sink = new InMemoryEventPublisher();
  private CollectorService service;
  private SyslogServer.BoundPorts ports;

  private SyslogConfig testConfig() {
    return SyslogConfig.defaults().withBindHost("127.0.0.1").withPorts(0, 0).withThreads(2, 2)
        .withMaxConnections(4).withWatermarks(10, 5);
  }

  private void start(SyslogConfig config) {
    service = new CollectorService(config, Fixtures.registry(), sink, Fixtures.CLOCK, new EventIdGenerator(7));
    ports = service.start().syslog();
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  private void sendUdp(byte[] payload) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), ports.udp()));
    }
  }

  private Socket connectTcp() throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), ports.tcp());
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  @ParameterizedTest(name = "nativeTransport={0}")
  @ValueSource(booleans = {true, false})
  void udpDatagramBecomesAnEventWithSenderAndAgency(boolean nativeTransport) throws Exception {
    start(testConfig().withNativeTransport(nativeTransport));
    sendUdp(Fixtures.utf8(Fixtures.lines("sshd.log").get(0)));

    Event e = sink.take();
    assertThat(e.soc().input()).isEqualTo("syslog-udp");
    assertThat(e.observer().ip()).isEqualTo("127.0.0.1");
    assertThat(e.organizationId()).isEqualTo("health");
    assertThat(e.event().action()).isEqualTo("ssh_login");
    assertThat(e.event().outcome()).isEqualTo("failure");
    assertThat(e.source().ip()).isEqualTo("203.0.113.7");
    assertThat(service.metrics().udp().received()).isEqualTo(1);
    assertThat(service.metrics().receivedFromAgency("health")).isEqualTo(1);
  }

  @Test
  void tcpStreamWithMixedFramingBecomesEvents() throws Exception {
    start(testConfig());
    String a = "<13>1 2025-03-14T09:00:00Z h app - - - one";
    try (Socket socket = connectTcp(); OutputStream out = socket.getOutputStream()) {
      out.write((a.length() + " " + a + "<13>Mar 14 09:00:00 h app: two\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(sink.take().message()).isEqualTo("one");
      assertThat(sink.take().message()).isEqualTo("two");
    }
    assertThat(service.metrics().tcp().decoded()).isEqualTo(2);
    assertThat(service.metrics().tcp().connections()).isEqualTo(1);
  }

  @Test
  void serverSurvivesGarbageAndKeepsServing() throws Exception {
    start(testConfig());
    byte[] garbage = new byte[4096];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) (i * 31 + 7);
    }
    sendUdp(garbage);
    try (Socket socket = connectTcp(); OutputStream out = socket.getOutputStream()) {
      out.write(garbage);
      out.write("\n99999999999999999999 absurd\n".getBytes(StandardCharsets.UTF_8));
      out.write("<13>Mar 14 09:00:00 h app: after garbage\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      Event last = null;
      for (int i = 0; i < 100 && (last == null || !"after garbage".equals(last.message())); i++) {
        last = sink.take();
      }
      assertThat(last.message()).isEqualTo("after garbage");
    }
    sendUdp("<13>Mar 14 09:00:00 h app: udp still up".getBytes(StandardCharsets.UTF_8));
    Event e;
    do {
      e = sink.take();
    } while (!"udp still up".equals(e.message()));
    assertThat(service.metrics().udp().malformed()).isEqualTo(1);
    assertThat(service.metrics().tcp().malformed()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void oversizeTcpFrameIsTruncatedFlaggedAndFollowingFrameKept() throws Exception {
    start(testConfig().withMaxFrameBytes(128));
    String big = "<13>Mar 14 09:00:00 h app: " + "x".repeat(1000);
    try (Socket socket = connectTcp(); OutputStream out = socket.getOutputStream()) {
      out.write((big.length() + " " + big + "<13>Mar 14 09:00:00 h app: next\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      Event truncated = sink.take();
      assertThat(truncated.tags()).contains(SyslogMessageParser.TAG_TRUNCATED);
      assertThat(truncated.soc().originalLength()).isEqualTo(big.length());
      assertThat(sink.take().message()).isEqualTo("next");
    }
    assertThat(service.metrics().tcp().truncated()).isEqualTo(1);
  }

  @Test
  void connectionsBeyondTheLimitAreRefused() throws Exception {
    start(testConfig().withMaxConnections(1));
    try (Socket first = connectTcp()) {
      // Two worker threads: wait until the first is admitted, so it is the second that hits the limit.
      await(() -> service.metrics().tcp().connectionsOpen() == 1, "first connection admitted");
      try (Socket second = connectTcp()) {
        second.setSoTimeout((int) WAIT.toMillis());
        await(() -> service.metrics().tcp().connectionsRejected() == 1, "second connection refused");
        assertThat(second.getInputStream().read()).isEqualTo(-1);
      }
      first.getOutputStream().write("<13>Mar 14 09:00:00 h app: first ok\n".getBytes(StandardCharsets.UTF_8));
      assertThat(sink.take().message()).isEqualTo("first ok");
    }
  }

  @Test
  void idleConnectionIsClosed() throws Exception {
    start(testConfig().withIdleTimeout(Duration.ofMillis(200)));
    try (Socket socket = connectTcp()) {
      socket.setSoTimeout((int) WAIT.toMillis());
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @ParameterizedTest(name = "nativeTransport={0}")
  @ValueSource(booleans = {true, false})
  void tcpReadingPausesAboveHighWatermarkAndResumesAtLowWatermark(boolean nativeTransport) throws Exception {
    start(testConfig().withNativeTransport(nativeTransport));
    try (Socket socket = connectTcp(); OutputStream out = socket.getOutputStream()) {
      out.write("<13>Mar 14 09:00:00 h app: before pause\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(sink.take().message()).isEqualTo("before pause");
      sink.setInFlight(11);
      await(() -> service.syslogServer().tcpReadPaused(), "reading paused");

      out.write("<13>Mar 14 09:00:00 h app: while paused\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(sink.poll(Duration.ofMillis(300))).as("nothing read while paused").isNull();

      sink.setInFlight(6);
      assertThat(sink.poll(Duration.ofMillis(300))).as("6 is still above the low watermark").isNull();
      sink.setInFlight(5);
      assertThat(sink.take().message()).isEqualTo("while paused");
      assertThat(service.syslogServer().tcpReadPaused()).isFalse();
    }
  }

  @Test
  void closeReleasesPortsAndClosesPublisher() throws Exception {
    start(testConfig());
    int tcp = ports.tcp();
    service.close();
    assertThat(sink.closed()).isTrue();
    try (java.net.ServerSocket again = new java.net.ServerSocket()) {
      again.setReuseAddress(true);
      again.bind(new InetSocketAddress("127.0.0.1", tcp));
    }
    service = null;
  }

  // util-linux logger: the syslog client on every Linux box.

  private void runLogger(String... args) throws Exception {
    assumeThat(Files.isExecutable(LOGGER)).as("util-linux logger installed").isTrue();
    String[] command = new String[args.length + 1];
    command[0] = LOGGER.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
  }

  @Test
  void loggerRfc5424OverUdp() throws Exception {
    start(testConfig());
    runLogger("-n", "127.0.0.1", "-P", Integer.toString(ports.udp()), "-d", "--rfc5424", "-t", "sshd",
        "--msgid", "AUTH", "--sd-id", "origin@32473", "--sd-param", "software=\"logger\"",
        "Failed password for root from 203.0.113.7 port 4242 ssh2");
    Event e = sink.take();
    assertThat(e.isParseFailure()).isFalse();
    assertThat(e.log().syslog().version()).isEqualTo(1);
    assertThat(e.log().syslog().msgid()).isEqualTo("AUTH");
    assertThat(e.log().syslog().structuredData().get("origin@32473")).containsEntry("software", "logger");
    assertThat(e.event().outcome()).isEqualTo("failure");
    assertThat(e.source().ip()).isEqualTo("203.0.113.7");
    assertThat(e.timestamp()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
  }

  @Test
  void loggerRfc3164OverUdp() throws Exception {
    start(testConfig());
    runLogger("-n", "127.0.0.1", "-P", Integer.toString(ports.udp()), "-d", "--rfc3164", "-t", "myapp",
        "-p", "auth.warning", "hello from logger");
    Event e = sink.take();
    assertThat(e.isParseFailure()).isFalse();
    assertThat(e.log().syslog().facility().name()).isEqualTo("auth");
    assertThat(e.log().syslog().severity().name()).isEqualTo("Warning");
    assertThat(e.process().name()).isEqualTo("myapp");
    assertThat(e.message()).isEqualTo("hello from logger");
  }

  @Test
  void loggerRfc5424OverTcpWithOctetCounting() throws Exception {
    start(testConfig());
    runLogger("-n", "127.0.0.1", "-P", Integer.toString(ports.tcp()), "-T", "--rfc5424", "--octet-count",
        "-t", "app", "counted one");
    Event e = sink.take();
    assertThat(e.isParseFailure()).isFalse();
    assertThat(e.soc().input()).isEqualTo("syslog-tcp");
    assertThat(e.message()).isEqualTo("counted one");
  }

  @Test
  void loggerRfc3164OverTcpWithNewlineFraming() throws Exception {
    start(testConfig());
    runLogger("-n", "127.0.0.1", "-P", Integer.toString(ports.tcp()), "-T", "--rfc3164", "-t", "app",
        "newline framed");
    Event e = sink.take();
    assertThat(e.isParseFailure()).isFalse();
    assertThat(e.message()).isEqualTo("newline framed");
  }
}
