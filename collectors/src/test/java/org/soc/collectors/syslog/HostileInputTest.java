package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.soc.collectors.CollectorService;
import org.soc.collectors.kafka.InMemoryEventPublisher;
import org.soc.schema.Event;
import org.soc.schema.EventIdGenerator;

/**
 * The bad-input corpus: malformed and hostile bytes sent over real UDP and TCP sockets to one running
 * collector. Each case asserts its safe outcome (flagged with the original kept, truncated at the limit, or
 * nothing at all for pure framing noise) and that a well-formed message sent right after, on UDP and on a new
 * TCP connection, is still served: no crash, no stuck event loop, no unbounded buffer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
  private static final int MAX_FRAME = 1024;
  private static final AtomicInteger CANARIES = new AtomicInteger();

  private final InMemoryEventPublisher sink = new InMemoryEventPublisher();
  private CollectorService service;
  private SyslogServer.BoundPorts ports;

  enum Transport { UDP, TCP }

  /** What the collector must make of the input. */
  enum Outcome {
    /** Every event flagged {@code _parse_failure}, none without its original text or bytes. */
    FLAGGED,
    /** At least one event, each keeping its original (parsed or flagged: the formats' business). */
    KEPT,
    /** At least one event cut at the limit and tagged {@code _truncated}. */
    TRUNCATED,
    /** A framing error event ({@code error.type framing_error}) keeping the bytes seen. */
    FRAMING_ERROR,
    /** Framing noise only: no event at all. */
    NOTHING
  }

  record Case(String name, Transport transport, byte[] bytes, Outcome outcome) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] repeat(byte value, int n) {
    byte[] out = new byte[n];
    Arrays.fill(out, value);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** Deterministic pseudo-random bytes (no Random seeded by time). */
  private static byte[] garbage(int n, int seed) {
    byte[] out = new byte[n];
    int x = seed;
    for (int i = 0; i < n; i++) {
      x = x * 1103515245 + 12345;
      out[i] = (byte) (x >>> 16);
      if (out[i] == '\n' || out[i] == 0) {
        out[i] = (byte) 0xA7;
      }
    }
    return out;
  }

  static Stream<Case> corpus() {
    String sd = "[big@32473 " + "k=\"" + "v".repeat(4000) + "\"]";
    return Stream.of(
        new Case("binary garbage over UDP", Transport.UDP, garbage(4096, 1), Outcome.FLAGGED),
        new Case("binary garbage line over TCP", Transport.TCP, concat(garbage(600, 2), b("\n")), Outcome.FLAGGED),
        new Case("TLS ClientHello sent to the plaintext UDP port", Transport.UDP,
            new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xA5, 0x01, 0x00, 0x00, (byte) 0xA1, 0x03, 0x03},
            Outcome.FLAGGED),
        new Case("invalid UTF-8 (Latin-1 byte) over UDP", Transport.UDP,
            concat(b("<13>Mar 14 09:00:00 h app: ren"), new byte[] {(byte) 0xE9}), Outcome.FLAGGED),
        new Case("invalid UTF-8 in an octet-counted RFC 5424 frame", Transport.TCP,
            concat(b("33 <13>1 2025-03-14T09:00:00Z h a - - - "), new byte[] {(byte) 0xC3, 0x28}),
            Outcome.FLAGGED),
        new Case("overlong UTF-8 encoding of '/'", Transport.UDP,
            concat(b("<13>Mar 14 09:00:00 h app: "), new byte[] {(byte) 0xC0, (byte) 0xAF}), Outcome.FLAGGED),
        new Case("UTF-8 encoded lone surrogate", Transport.UDP,
            concat(b("<13>Mar 14 09:00:00 h app: "), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
            Outcome.FLAGGED),
        new Case("PRI 999", Transport.UDP, b("<999>Mar 14 09:00:00 h app: x"), Outcome.FLAGGED),
        new Case("empty PRI <>", Transport.UDP, b("<>Mar 14 09:00:00 h app: x"), Outcome.FLAGGED),
        new Case("negative PRI", Transport.UDP, b("<-1>Mar 14 09:00:00 h app: x"), Outcome.FLAGGED),
        new Case("PRI never closed", Transport.TCP, b("<13 Mar 14 09:00:00 h app: x\n"), Outcome.FLAGGED),
        new Case("PRI of 20 digits", Transport.UDP, b("<99999999999999999999>1 - - - - - -"), Outcome.FLAGGED),
        new Case("octet count 2^40", Transport.TCP, b("1099511627776 <13>1 - - - - - - x\n"),
            Outcome.FRAMING_ERROR),
        new Case("octet count of 30 digits", Transport.TCP, b("123456789012345678901234567890 x\n"),
            Outcome.FRAMING_ERROR),
        new Case("octet count larger than the data, then the sender leaves", Transport.TCP,
            b("500 <13>1 2025-03-14T09:00:00Z h app - - - short"), Outcome.FRAMING_ERROR),
        new Case("octet count above the frame limit is truncated and skipped", Transport.TCP,
            b("3000 <13>1 2025-03-14T09:00:00Z h app - - - " + "x".repeat(3000 - 39)), Outcome.TRUNCATED),
        new Case("endless line without newline (1 MiB) is cut at the limit", Transport.TCP,
            concat(b("<13>Mar 14 09:00:00 h app: "), repeat((byte) 'A', 1 << 20)), Outcome.TRUNCATED),
        new Case("endless run of digits (an octet count that never ends)", Transport.TCP,
            repeat((byte) '7', 200_000), Outcome.FRAMING_ERROR),
        new Case("64 KiB datagram to a 1 KiB limit", Transport.UDP,
            concat(b("<13>Mar 14 09:00:00 h app: "), repeat((byte) 'B', 65_000)), Outcome.TRUNCATED),
        new Case("NUL flood", Transport.TCP, repeat((byte) 0, 200_000), Outcome.NOTHING),
        new Case("only newlines", Transport.TCP, repeat((byte) '\n', 200_000), Outcome.NOTHING),
        new Case("only CRLF", Transport.TCP, b("\r\n".repeat(50_000)), Outcome.NOTHING),
        new Case("empty datagram", Transport.UDP, new byte[0], Outcome.FLAGGED),
        new Case("datagram of only NUL bytes", Transport.UDP, repeat((byte) 0, 512), Outcome.FLAGGED),
        new Case("huge structured data is truncated", Transport.TCP,
            b("<13>1 2025-03-14T09:00:00Z h app - - " + sd + " msg\n"), Outcome.TRUNCATED),
        new Case("structured data never closed", Transport.UDP,
            b("<13>1 2025-03-14T09:00:00Z h app - - [a@1 b=\"c"), Outcome.FLAGGED),
        new Case("structured data with a bad escape and no closing quote", Transport.UDP,
            b("<13>1 2025-03-14T09:00:00Z h app - - [a@1 b=\"\\"), Outcome.FLAGGED),
        new Case("RFC 5424 with an impossible timestamp", Transport.UDP,
            b("<13>1 2025-13-45T99:99:99Z h app - - - x"), Outcome.KEPT),
        new Case("RFC 5424 header cut after the version", Transport.UDP, b("<13>1"), Outcome.KEPT),
        new Case("RFC 5424 hostname of 300 characters", Transport.UDP,
            b("<13>1 2025-03-14T09:00:00Z " + "h".repeat(300) + " app - - - x"), Outcome.KEPT),
        new Case("terminal escape sequences in the message", Transport.UDP,
            b("<13>Mar 14 09:00:00 h app: \u001b[2J\u001b]0;pwned\u0007 done"), Outcome.KEPT),
        new Case("LF inside an octet-counted frame stays in the message", Transport.TCP,
            b("38 <13>1 2025-03-14T09:00:00Z h a - - - a\nb"), Outcome.KEPT),
        new Case("zero octet count is not a count", Transport.TCP, b("0 <13>1 - - - - - - x\n"), Outcome.FLAGGED),
        new Case("digits glued to the message", Transport.TCP, b("12x<13>1 - - - - - - x\n"), Outcome.FLAGGED),
        new Case("thousand tiny garbage lines", Transport.TCP, b("\u0001\n".repeat(1000)), Outcome.FLAGGED));
  }

  @BeforeAll
  void start() {
    SyslogConfig config = SyslogConfig.defaults().withBindHost("127.0.0.1").withPorts(0, 0).withThreads(1, 1)
        .withMaxFrameBytes(MAX_FRAME).withIdleTimeout(Duration.ofSeconds(30)).withMaxConnections(100);
    service = new CollectorService(config, Fixtures.registry(), sink, Fixtures.CLOCK, new EventIdGenerator(9));
    ports = service.start().syslog();
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void hostileInputHasItsSafeOutcomeAndOthersAreStillServed(Case c) throws Exception {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(30);
    long channelErrorsBefore = service.metrics().tcp().channelErrors();
    if (c.transport() == Transport.UDP) {
      sendUdp(c.bytes());
    } else {
      long acceptedBefore = service.metrics().tcp().connections();
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ports.tcp())) {
        socket.getOutputStream().write(c.bytes());
        socket.getOutputStream().flush();
      }
      // Closed on our side; once the server has accepted it and seen the end, its last frame is decoded. (Waiting
      // for "none open" alone can pass before the accept, letting this case's events leak into the next.)
      await(() -> service.metrics().tcp().connections() > acceptedBefore
          && service.metrics().tcp().connectionsOpen() == 0, "hostile connection accepted and closed");
    }
    List<Event> events = eventsBeforeCanaries();

    switch (c.outcome()) {
      case NOTHING -> assertThat(events).isEmpty();
      case FLAGGED -> {
        assertThat(events).isNotEmpty().allSatisfy(e -> {
          assertThat(e.isParseFailure()).as("flagged").isTrue();
          assertOriginalKept(e);
        });
      }
      case KEPT -> assertThat(events).isNotEmpty().allSatisfy(HostileInputTest::assertOriginalKept);
      case TRUNCATED -> assertThat(events).isNotEmpty().allSatisfy(e -> {
        assertThat(e.tags()).contains(SyslogMessageParser.TAG_TRUNCATED);
        assertThat(e.event().original().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX_FRAME);
      });
      case FRAMING_ERROR -> assertThat(events).isNotEmpty().allSatisfy(e -> {
        assertThat(e.error().type()).isEqualTo("framing_error");
        assertOriginalKept(e);
      });
    }
    assertThat(service.metrics().tcp().channelErrors()).as("no channel error").isEqualTo(channelErrorsBefore);
  }

  private static void assertOriginalKept(Event e) {
    assertThat(e.event().original() != null || e.soc().originalBase64() != null)
        .as("original kept in event.original or soc.original_base64").isTrue();
  }

  /** Sends a canary on UDP and on a new TCP connection; returns what was published before both arrived. */
  private List<Event> eventsBeforeCanaries() throws Exception {
    String udpCanary = "canary-udp-" + CANARIES.incrementAndGet();
    String tcpCanary = "canary-tcp-" + CANARIES.incrementAndGet();
    sendUdp(b("<13>Mar 14 09:00:00 h app: " + udpCanary));
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ports.tcp())) {
      socket.getOutputStream().write(b("<13>Mar 14 09:00:00 h app: " + tcpCanary + "\n"));
      socket.getOutputStream().flush();
      List<Event> before = new ArrayList<>();
      boolean udpSeen = false;
      boolean tcpSeen = false;
      while (!udpSeen || !tcpSeen) {
        Event e = sink.take();
        if (udpCanary.equals(e.message())) {
          udpSeen = true;
        } else if (tcpCanary.equals(e.message())) {
          tcpSeen = true;
          assertThat(e.isParseFailure()).isFalse();
        } else {
          before.add(e);
        }
      }
      return before;
    }
  }

  private void sendUdp(byte[] payload) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), ports.udp()));
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(2);
    }
  }

  // Connection-level hostility: not a byte string, so tests of their own.

  @Test
  void slowSenderWithinTheIdleTimeoutIsServedAndOneThatStallsIsClosedWithItsBytesKept() throws Exception {
    SyslogConfig config = SyslogConfig.defaults().withBindHost("127.0.0.1").withPorts(-1, 0).withThreads(1, 1)
        // Far above the 10 ms between bytes, so a loaded CI machine cannot turn the dribble into a stall.
        .withIdleTimeout(Duration.ofSeconds(2));
    InMemoryEventPublisher slowSink = new InMemoryEventPublisher();
    try (CollectorService slow = new CollectorService(config, Fixtures.registry(), slowSink, Fixtures.CLOCK,
        new EventIdGenerator(10))) {
      int port = slow.start().syslog().tcp();
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        OutputStream out = socket.getOutputStream();
        for (byte x : b("<13>Mar 14 09:00:00 h app: dribbled\n")) {
          out.write(x); // one byte at a time, each well within the idle timeout
          out.flush();
          TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(slowSink.take().message()).isEqualTo("dribbled");
        out.write(b("<13>Mar 14 09:00:00 h app: then sil"));
        out.flush();
        socket.setSoTimeout(15_000);
        assertThat(socket.getInputStream().read()).as("closed by the idle timeout").isEqualTo(-1);
        Event partial = slowSink.take();
        assertThat(partial.event().original()).isEqualTo("<13>Mar 14 09:00:00 h app: then sil");
      }
      assertThat(slow.metrics().tcp().idleClosed()).isEqualTo(1);
    }
  }

  @Test
  void twoThousandIdleConnectionsHitTheLimitsAndOtherSendersAreStillServed() throws Exception {
    SyslogConfig config = SyslogConfig.defaults().withBindHost("0.0.0.0").withPorts(0, 0).withThreads(1, 2)
        .withMaxConnections(1500).withMaxConnectionsPerSource(1000).withIdleTimeout(Duration.ofMinutes(5));
    InMemoryEventPublisher crowdSink = new InMemoryEventPublisher();
    List<Socket> idle = new ArrayList<>();
    try (CollectorService crowded = new CollectorService(config, Fixtures.registry(), crowdSink, Fixtures.CLOCK,
        new EventIdGenerator(11))) {
      SyslogServer.BoundPorts p = crowded.start().syslog();
      try {
        for (int i = 0; i < 2000; i++) {
          idle.add(new Socket(InetAddress.getLoopbackAddress(), p.tcp()));
        }
        await(() -> crowded.metrics().tcp().connectionsOpen() == 1000
            && crowded.metrics().tcp().connectionsRejected() == 1000, "1000 admitted, 1000 refused");
        assertThat(crowded.metrics().tcp().connectionsRejectedByReason()).containsEntry("limit_per_source", 1000L);

        // Another source address (the whole 127/8 is loopback) still gets in, and UDP is unaffected.
        try (Socket other = new Socket()) {
          other.bind(new InetSocketAddress("127.0.0.2", 0));
          other.connect(new InetSocketAddress("127.0.0.1", p.tcp()));
          other.getOutputStream().write(b("<13>Mar 14 09:00:00 h app: from another host\n"));
          other.getOutputStream().flush();
          assertThat(crowdSink.take().message()).isEqualTo("from another host");
        }
        try (DatagramSocket udp = new DatagramSocket()) {
          byte[] m = b("<13>Mar 14 09:00:00 h app: udp in the crowd");
          udp.send(new DatagramPacket(m, m.length, InetAddress.getLoopbackAddress(), p.udp()));
        }
        assertThat(crowdSink.take().message()).isEqualTo("udp in the crowd");
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
      await(() -> crowded.metrics().tcp().connectionsOpen() == 0, "all released");
    }
  }
}
