package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.soc.agency.AgencyRegistry;
import org.soc.collectors.CollectorConfig;
import org.soc.collectors.CollectorService;
import org.soc.collectors.http.HttpEndpointConfig;
import org.soc.collectors.kafka.KafkaPublisherConfig;
import org.soc.collectors.kafka.TopicReader;
import org.soc.collectors.tls.TestPki;
import org.soc.schema.Event;
import org.soc.schema.EventIdGenerator;
import org.soc.stack.LocalStack;
import org.soc.stack.LocalStackExtension;

/**
 * A private rsyslogd (its own config, work dir and pid file) receiving lines from {@code logger} on two imtcp
 * inputs and forwarding them with omfwd to the collector: plain TCP with octet counting, and TLS (gtls,
 * RFC 5425) presenting a client certificate named after an agency. Checked in the real Kafka topic.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RsyslogForwardingIT {
  private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
  private static final String TOPIC = "it.rsyslog-forwarding";

  private Path dir;
  private CollectorService service;
  private Process rsyslogd;
  private TopicReader topic;
  private int plainInput;
  private int tlsInput;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @BeforeAll
  void start(LocalStack stack, @TempDir Path tempDir) throws Exception {
    dir = tempDir;
    assumeThat(Files.isExecutable(RSYSLOGD)).as("rsyslog installed").isTrue();
    assumeThat(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so")))
        .as("rsyslog-gnutls installed").isTrue();
    TestPki pki = new TestPki("SOC rsyslog test CA");
    Path serverCert = dir.resolve("server.crt");
    Path serverKey = dir.resolve("server.key");
    Path ca = dir.resolve("ca.crt");
    Path clientCert = dir.resolve("client.crt");
    Path clientKey = dir.resolve("client.key");
    TestPki.writePem(pki.server("syslog.soc.example"), serverCert, serverKey);
    TestPki.Issued client = pki.client("collector.finance.gov.example");
    TestPki.writePem(client, clientCert, clientKey);
    TestPki.writeKeyWithPublicKey(client, clientKey);
    pki.writeCaPem(ca);

    SyslogTlsConfig tls = SyslogTlsConfig.of(serverCert, serverKey).withPort(0)
        .withClientAuth(SyslogTlsConfig.ClientAuth.REQUIRE, ca, true);
    SyslogConfig syslog = SyslogConfig.defaults().withBindHost("127.0.0.1").withPorts(-1, 0).withThreads(1, 2)
        .withTls(tls);
    service = new CollectorService(
        new CollectorConfig(syslog, KafkaPublisherConfig.of(stack.kafkaBootstrap()).withTopic(TOPIC),
            HttpEndpointConfig.disabled()),
        new AgencyRegistry(List.of(Fixtures.HEALTH, SyslogTlsTest.FINANCE)), Clock.systemUTC(),
        new EventIdGenerator(77));
    SyslogServer.BoundPorts ports = service.start().syslog();

    plainInput = freePort();
    tlsInput = freePort();
    Path work = Files.createDirectories(dir.resolve("rsyslog-work"));
    String conf = String.join("\n",
        "global(workDirectory=\"" + work + "\"",
        "       defaultNetstreamDriverCAFile=\"" + ca + "\"",
        "       defaultNetstreamDriverCertFile=\"" + clientCert + "\"",
        "       defaultNetstreamDriverKeyFile=\"" + clientKey + "\")",
        "module(load=\"imtcp\")",
        "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + plainInput + "\" ruleset=\"plain\")",
        "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + tlsInput + "\" ruleset=\"tls\")",
        "ruleset(name=\"plain\") {",
        "  action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + ports.tcp() + "\" protocol=\"tcp\"",
        "         tcp_framing=\"octet-counted\" template=\"RSYSLOG_SyslogProtocol23Format\")",
        "}",
        "ruleset(name=\"tls\") {",
        "  action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + ports.tls() + "\" protocol=\"tcp\"",
        "         streamDriver=\"gtls\" streamDriverMode=\"1\" streamDriverAuthMode=\"x509/name\"",
        "         streamDriverPermittedPeers=\"localhost\"",
        "         tcp_framing=\"octet-counted\" template=\"RSYSLOG_SyslogProtocol23Format\")",
        "}",
        "");
    Path confFile = dir.resolve("rsyslog.conf");
    Files.writeString(confFile, conf);
    Process check = new ProcessBuilder(RSYSLOGD.toString(), "-N1", "-f", confFile.toString())
        .redirectErrorStream(true).start();
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String checkOutput = new String(check.getInputStream().readAllBytes());
    assertThat(check.exitValue()).as(checkOutput).isZero();
    rsyslogd = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", confFile.toString(), "-i",
        dir.resolve("rsyslogd.pid").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
    awaitListening(plainInput);
    awaitListening(tlsInput);
    topic = new TopicReader(stack.kafkaBootstrap(), TOPIC);
  }

  private void awaitListening(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!org.soc.stack.FreePorts.isListening(port)) {
      assertThat(rsyslogd.isAlive()).as("rsyslogd running: " + Files.readString(dir.resolve("rsyslogd.out")))
          .isTrue();
      assertThat(System.nanoTime()).as("rsyslogd listening on " + port).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (rsyslogd != null) {
      rsyslogd.destroy();
      if (!rsyslogd.waitFor(10, TimeUnit.SECONDS)) {
        rsyslogd.destroyForcibly();
      }
    }
    if (service != null) {
      service.close();
    }
    if (topic != null) {
      topic.close();
    }
  }

  @Test
  void rsyslogForwardsOverTcpWithOctetCounting() throws Exception {
    Logger.send(plainInput, "-T", "--rfc3164", "-t", "sshd",
        "Failed password for root from 203.0.113.9 port 5151 ssh2");
    TopicReader.Keyed record = topic.await(k -> k.event().message() != null
        && k.event().message().contains("203.0.113.9 port 5151"), "rsyslog tcp forward");
    Event e = record.event();
    assertThat(record.key()).isEqualTo("health");
    assertThat(e.soc().input()).isEqualTo(SyslogMessageParser.INPUT_TCP);
    assertThat(e.log().syslog().version()).as("RSYSLOG_SyslogProtocol23Format is RFC 5424").isEqualTo(1);
    assertThat(e.isParseFailure()).isFalse();
  }

  @Test
  void rsyslogForwardsOverTlsAndItsClientCertificateNamesTheAgency() throws Exception {
    Logger.send(tlsInput, "-T", "--rfc3164", "-t", "app", "forwarded over gtls");
    TopicReader.Keyed record;
    try {
      record = topic.await(k -> k.event().message() != null
          && k.event().message().contains("forwarded over gtls"), "rsyslog tls forward");
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nrsyslogd said:\n" + Files.readString(dir.resolve("rsyslogd.out"))
          + "\ncollector TLS: " + service.metrics().tlsCounters(), e);
    }
    assertThat(record.key()).as("127.0.0.1 is health's, the certificate names finance").isEqualTo("finance");
    assertThat(record.event().soc().input()).isEqualTo(SyslogServer.INPUT_TLS);
    assertThat(service.metrics().tlsCounters().handshakes()).isGreaterThanOrEqualTo(1);
  }
}
