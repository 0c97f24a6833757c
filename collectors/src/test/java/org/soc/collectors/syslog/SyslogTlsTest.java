package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.handler.ssl.OpenSsl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soc.agency.Agency;
import org.soc.agency.AgencyRegistry;
import org.soc.collectors.CollectorService;
import org.soc.collectors.kafka.InMemoryEventPublisher;
import org.soc.collectors.tls.TestPki;
import org.soc.schema.Event;
import org.soc.schema.EventIdGenerator;

/**
 * Syslog over TLS (RFC 5425) with certificates made at test time: a JDK TLS client on 127.0.0.1 that verifies
 * the server like a real one, an in-memory sink instead of Kafka.
 */
class SyslogTlsTest {
  static final Agency FINANCE = new Agency("finance", "Ministry of Finance", List.of(),
      List.of("collector.finance.gov.example"), Fixtures.PARIS);
  static final Agency DEFENCE = new Agency("defence", "Ministry of Defence", List.of(),
      List.of("syslog.defence.gov.example"), Fixtures.PARIS);
  private static final TestPki PKI = new TestPki("SOC test CA");

  @TempDir Path dir;
  private Path cert;
  private Path key;
  private Path clientCa;
  private final InMemoryEventPublisher sink = new InMemoryEventPublisher();
  private CollectorService service;
  private int port;

  @BeforeEach
  void files() {
    cert = dir.resolve("server.crt");
    key = dir.resolve("server.key");
    clientCa = dir.resolve("clients-ca.crt");
    TestPki.writePem(PKI.server("syslog.soc.example"), cert, key);
    PKI.writeCaPem(clientCa);
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  private SyslogTlsConfig serverOnly() {
    return SyslogTlsConfig.of(cert, key).withPort(0);
  }

  private SyslogTlsConfig mutual(SyslogTlsConfig.ClientAuth mode, boolean rejectUnknown) {
    return serverOnly().withClientAuth(mode, clientCa, rejectUnknown);
  }

  private void start(SyslogTlsConfig tls) {
    start(tls, Duration.ofMinutes(1));
  }

  private void start(SyslogTlsConfig tls, Duration idleTimeout) {
    SyslogConfig config = SyslogConfig.defaults().withBindHost("127.0.0.1").withPorts(-1, -1).withThreads(1, 2)
        .withIdleTimeout(idleTimeout).withTls(tls);
    service = new CollectorService(config, new AgencyRegistry(List.of(Fixtures.HEALTH, FINANCE, DEFENCE)), sink,
        Fixtures.CLOCK, new EventIdGenerator(5));
    port = service.start().syslog().tls();
  }

  private static void sendOctetCounted(Socket socket, String message) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  /** The server closed the connection: end of stream or a TLS alert, never data. */
  private static void assertClosedByServer(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      assertThat(in.read()).isEqualTo(-1);
    } catch (IOException expected) {
      assertThat(expected).isInstanceOfAny(SSLException.class, java.net.SocketException.class);
    }
  }

  /**
   * Connects, sends and expects the server to refuse: during the handshake, or (TLS 1.3, where the client may
   * finish its side first) by closing before anything is published. A write into the closed connection
   * (broken pipe) counts as refused too.
   */
  private void sendExpectingRefusal(SSLContext context, String message) {
    try (SSLSocket socket = TestPki.connect(context, port)) {
      sendOctetCounted(socket, message);
      assertClosedByServer(socket);
    } catch (IOException refused) {
      assertThat(refused).isInstanceOfAny(SSLException.class, java.net.SocketException.class);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  @Test
  void octetCountedMessageOverTlsIsDecodedWithTheAgencyOfTheSourceAddress() throws Exception {
    start(serverOnly());
    try (SSLSocket socket = TestPki.connect(TestPki.clientContext(PKI, null), port)) {
      sendOctetCounted(socket, "<86>1 2025-03-14T09:00:00Z web01 sshd 42 - - Failed password for root from "
          + "203.0.113.7 port 4242 ssh2");
      Event e = sink.take();
      assertThat(e.isParseFailure()).isFalse();
      assertThat(e.soc().input()).isEqualTo("syslog-tls");
      assertThat(e.organizationId()).isEqualTo("health");
      assertThat(e.host().name()).isEqualTo("web01");
      assertThat(e.event().outcome()).isEqualTo("failure");
    }
    assertThat(service.metrics().tls().decoded()).isEqualTo(1);
    assertThat(service.metrics().tlsCounters().handshakes()).isEqualTo(1);
  }

  @Test
  void newlineFramedMessagesOverTlsAreAcceptedToo() throws Exception {
    start(serverOnly());
    try (SSLSocket socket = TestPki.connect(TestPki.clientContext(PKI, null), port)) {
      socket.getOutputStream().write("<13>Mar 14 09:00:00 h app: one\n<13>Mar 14 09:00:01 h app: two\n"
          .getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      assertThat(sink.take().message()).isEqualTo("one");
      assertThat(sink.take().message()).isEqualTo("two");
    }
  }

  @Test
  void mutualTlsClientCertificateCommonNameNamesTheAgencyOverTheSourceAddress() throws Exception {
    start(mutual(SyslogTlsConfig.ClientAuth.REQUIRE, true));
    TestPki.Issued client = PKI.client("collector.finance.gov.example");
    try (SSLSocket socket = TestPki.connect(TestPki.clientContext(PKI, client), port)) {
      sendOctetCounted(socket, "<13>1 2025-03-14T09:00:00Z fin01 app - - - from finance");
      Event e = sink.take();
      assertThat(e.organizationId()).as("127.0.0.1 is health's network; the certificate wins").isEqualTo("finance");
      assertThat(e.observer().ip()).isEqualTo("127.0.0.1");
    }
    assertThat(service.metrics().receivedFromAgency("finance")).isEqualTo(1);
  }

  @Test
  void mutualTlsSubjectAltNameDnsNamesTheAgency() throws Exception {
    start(mutual(SyslogTlsConfig.ClientAuth.REQUIRE, true));
    TestPki.Issued client = PKI.client("relay-17", "relay-17.internal", "SYSLOG.DEFENCE.GOV.EXAMPLE");
    try (SSLSocket socket = TestPki.connect(TestPki.clientContext(PKI, client), port)) {
      sendOctetCounted(socket, "<13>1 2025-03-14T09:00:00Z def01 app - - - from defence");
      assertThat(sink.take().organizationId()).isEqualTo("defence");
    }
  }

  @Test
  void clientCertificateOfAnUnknownNameIsRejectedWhenConfigured() throws Exception {
    start(mutual(SyslogTlsConfig.ClientAuth.REQUIRE, true));
    sendExpectingRefusal(TestPki.clientContext(PKI, PKI.client("stranger.example")),
        "<13>1 2025-03-14T09:00:00Z x app - - - must not be published");
    await(() -> service.metrics().tlsCounters().unknownClientNames() == 1, "unknown name counted");
    assertThat(sink.poll(Duration.ofMillis(200))).isNull();
  }

  @Test
  void clientCertificateOfAnUnknownNameIsAttributedToUnknownWhenNotRejected() throws Exception {
    start(mutual(SyslogTlsConfig.ClientAuth.REQUIRE, false));
    try (SSLSocket socket = TestPki.connect(TestPki.clientContext(PKI, PKI.client("stranger.example")), port)) {
      sendOctetCounted(socket, "<13>1 2025-03-14T09:00:00Z x app - - - stranger");
      Event e = sink.take();
      assertThat(e.organizationId()).as("not health, although 127.0.0.1 is health's").isEqualTo("unknown");
    }
    assertThat(service.metrics().tlsCounters().unknownClientNames()).isEqualTo(1);
  }

  @Test
  void clientCertificateFromAnotherCaIsRejected() throws Exception {
    start(mutual(SyslogTlsConfig.ClientAuth.REQUIRE, true));
    TestPki rogue = new TestPki("Rogue CA");
    SSLContext context = TestPki.clientContext(PKI, rogue.client("collector.finance.gov.example"));
    sendExpectingRefusal(context, "<13>1 2025-03-14T09:00:00Z x app - - - forged");
    await(() -> service.metrics().tlsCounters().handshakeFailures() == 1, "handshake failure counted");
    assertThat(sink.poll(Duration.ofMillis(200))).isNull();
  }

  @Test
  void clientWithoutCertificateIsRejectedWhenRequiredAndAttributedByAddressWhenOptional() throws Exception {
    start(mutual(SyslogTlsConfig.ClientAuth.REQUIRE, true));
    sendExpectingRefusal(TestPki.clientContext(PKI, null), "<13>1 2025-03-14T09:00:00Z x app - - - anonymous");
    assertThat(sink.poll(Duration.ofMillis(200))).isNull();
    service.close();

    start(mutual(SyslogTlsConfig.ClientAuth.OPTIONAL, true));
    try (SSLSocket socket = TestPki.connect(TestPki.clientContext(PKI, null), port)) {
      sendOctetCounted(socket, "<13>1 2025-03-14T09:00:00Z x app - - - anonymous but allowed");
      assertThat(sink.take().organizationId()).isEqualTo("health");
    }
  }

  @Test
  void serverNotOfferingTheClientsProtocolVersionRefusesTheHandshake() throws Exception {
    start(serverOnly().withProtocols(List.of("TLSv1.3")));
    assertThatThrownBy(() -> TestPki.connect(TestPki.clientContext(PKI, null), port, "TLSv1.2").close())
        .isInstanceOf(SSLException.class);
    try (SSLSocket socket = TestPki.connect(TestPki.clientContext(PKI, null), port, "TLSv1.3")) {
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
  }

  @Test
  void renewedServerCertificateIsUsedForNewConnectionsWithoutRestart() throws Exception {
    start(serverOnly().withReloadCheckInterval(Duration.ofMillis(50)));
    SSLContext client = TestPki.clientContext(PKI, null);
    try (SSLSocket before = TestPki.connect(client, port)) {
      BigInteger oldSerial = serial(before);
      TestPki.Issued renewed = PKI.server("syslog-renewed.soc.example");
      TestPki.writePem(renewed, cert, key);
      await(() -> service.metrics().tlsCounters().reloads() == 1, "reload");
      try (SSLSocket after = TestPki.connect(client, port)) {
        assertThat(serial(after)).isEqualTo(renewed.certificate().getSerialNumber()).isNotEqualTo(oldSerial);
        sendOctetCounted(after, "<13>1 2025-03-14T09:00:00Z h app - - - on the new certificate");
        assertThat(sink.take().message()).isEqualTo("on the new certificate");
      }
      sendOctetCounted(before, "<13>1 2025-03-14T09:00:00Z h app - - - established connection unaffected");
      assertThat(sink.take().message()).isEqualTo("established connection unaffected");
    }
  }

  @Test
  void certificateFilesThatDoNotLoadKeepThePreviousCertificate() throws Exception {
    start(serverOnly().withReloadCheckInterval(Duration.ofMillis(50)));
    java.nio.file.Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
    await(() -> service.metrics().tlsCounters().reloadFailures() >= 1, "reload failure counted");
    try (SSLSocket socket = TestPki.connect(TestPki.clientContext(PKI, null), port)) {
      sendOctetCounted(socket, "<13>1 2025-03-14T09:00:00Z h app - - - still served");
      assertThat(sink.take().message()).isEqualTo("still served");
    }
  }

  @Test
  void renewedCertificateWhoseKeyIsNotYetReplacedIsNotUsed() throws Exception {
    start(serverOnly().withReloadCheckInterval(Duration.ofMillis(50)));
    SSLContext client = TestPki.clientContext(PKI, null);
    BigInteger serving;
    try (SSLSocket before = TestPki.connect(client, port)) {
      serving = serial(before);
    }
    // Only the certificate file is renewed so far; the key file still holds the old key.
    Path otherKey = dir.resolve("other.key");
    TestPki.writePem(PKI.server("syslog-renewed.soc.example"), cert, otherKey);
    await(() -> service.metrics().tlsCounters().reloadFailures() >= 1, "mismatch refused");
    try (SSLSocket after = TestPki.connect(client, port)) {
      assertThat(serial(after)).isEqualTo(serving);
    }
    assertThat(service.metrics().tlsCounters().reloads()).isZero();
  }

  @Test
  void handshakeThatNeverFinishesIsClosedByTheHandshakeTimeoutAndOthersAreServed() throws Exception {
    // Long enough for a healthy handshake on a loaded machine, short enough to wait for.
    start(serverOnly().withHandshakeTimeout(Duration.ofSeconds(3)), Duration.ofMinutes(1));
    try (Socket stalled = TestPki.connectPlain(port)) {
      // The first bytes of a ClientHello record header, then silence.
      stalled.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});
      stalled.getOutputStream().flush();
      try (SSLSocket healthy = TestPki.connect(TestPki.clientContext(PKI, null), port)) {
        sendOctetCounted(healthy, "<13>1 2025-03-14T09:00:00Z h app - - - served meanwhile");
        assertThat(sink.take().message()).isEqualTo("served meanwhile");
      }
      assertClosedByServer(stalled);
    }
    await(() -> service.metrics().tlsCounters().handshakeTimeouts() == 1, "timeout counted");
  }

  @Test
  void openSslProviderServesTlsWhenAvailable() throws Exception {
    assumeThat(OpenSsl.isAvailable()).as("netty-tcnative BoringSSL loads on this platform").isTrue();
    start(mutual(SyslogTlsConfig.ClientAuth.REQUIRE, true).withProvider(SyslogTlsConfig.Provider.OPENSSL));
    assertThat(service.syslogServer().tlsProvider()).isEqualTo("OPENSSL");
    try (SSLSocket socket = TestPki.connect(
        TestPki.clientContext(PKI, PKI.client("collector.finance.gov.example")), port)) {
      sendOctetCounted(socket, "<13>1 2025-03-14T09:00:00Z h app - - - via boringssl");
      Event e = sink.take();
      assertThat(e.message()).isEqualTo("via boringssl");
      assertThat(e.organizationId()).isEqualTo("finance");
    }
  }

  @Test
  void mutualTlsWithoutAClientCaIsAConfigurationError() {
    assertThatThrownBy(() -> serverOnly().withClientAuth(SyslogTlsConfig.ClientAuth.REQUIRE, null, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client_ca");
  }

  private static BigInteger serial(SSLSocket socket) throws IOException {
    return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
  }
}
