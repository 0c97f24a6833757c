package org.soc.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.distribution.Endpoint;
import org.soc.distribution.SocConfig;
import org.soc.distribution.SocRuntime;
import org.soc.stack.FreePorts;
import org.soc.stack.LocalStack;
import org.soc.stack.LocalStackExtension;
import org.soc.stack.StackLayout;

/**
 * The foundation's spine, real all the way: syslog over UDP and TCP → collectors → Kafka → Flink job with the
 * Drools rule → Elasticsearch, against the real Kafka broker and Elasticsearch node, wired exactly as
 * {@code bin/soc up} wires them (only the storage servers come from the test extension).
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyslogToAlertIT {
  private static final Duration ALERT_DEADLINE = Duration.ofSeconds(10);

  private SocRuntime soc;
  private Elasticsearch es;
  private int syslogPort;
  private int netflowPort;
  private int tlsPort;
  private Path dataDir;
  private int apiPort;

  @BeforeAll
  void startSoc(LocalStack stack) throws Exception {
    FreePorts ports = new FreePorts();
    syslogPort = ports.next();
    netflowPort = ports.next();
    tlsPort = ports.next();
    dataDir = Files.createTempDirectory(Path.of("target"), "soc-data").toAbsolutePath();
    SocConfig defaults = SocConfig.defaults();
    SocConfig config = new SocConfig(
        Path.of("../config/agencies.yml").toAbsolutePath(),
        dataDir,
        new SocConfig.Collectors("127.0.0.1", syslogPort, syslogPort, tlsPort, netflowPort, ports.next(), null,
            null, ports.next(), null),
        new SocConfig.Kafka(false, stack.kafkaBootstrap(), null, null, "soc.events.e2e", 2, null),
        new SocConfig.Elasticsearch(false, stack.elasticsearchUrl(), null, null, null),
        defaults.correlation(),
        new SocConfig.Api("127.0.0.1", ports.next()));
    soc = new SocRuntime(config, Path.of("..").toAbsolutePath(), StackLayout.fromSystemProperty(),
        Clock.systemUTC()).start();
    apiPort = soc.endpoints().stream().filter(e -> e.name().equals("triage api")).mapToInt(Endpoint::port)
        .findFirst().orElseThrow();
    es = new Elasticsearch(stack.elasticsearchUrl());
  }

  @AfterAll
  void stopSoc() {
    if (soc != null) {
      soc.close();
    }
  }

  @Test
  void sixFailedSshLoginsOverUdpRaiseOneAlertWithinTenSeconds() throws Exception {
    assumeTrue(Logger.installed(), "util-linux logger is installed by .ci/run");
    Logger.send(syslogPort, "-d", "sshd[123]: Failed password for root from 203.0.113.7 port 4242 ssh2", 6);

    JsonNode alerts = es.awaitHits("soc-alerts-*", "source.ip:\"203.0.113.7\"", ALERT_DEADLINE,
        hits -> hits.size() == 1 && hits.get(0).at("/_source/alert/count").asLong() >= 6);

    assertThat(alerts).hasSize(1);
    JsonNode alert = alerts.get(0);
    assertThat(alert.path("_index").asText()).matches("soc-alerts-demo-\\d{4}\\.\\d{2}");
    JsonNode source = alert.path("_source");
    assertThat(source.at("/alert/count").asLong()).isGreaterThanOrEqualTo(5);
    assertThat(source.at("/rule/id").asText()).isEqualTo("soc-ssh-bruteforce");
    assertThat(source.at("/rule/severity").asText()).isEqualTo("high");
    assertThat(source.at("/organization/id").asText()).isEqualTo("demo");
    assertThat(source.at("/alert/first_seen").asText()).isNotBlank();
    assertThat(source.at("/alert/last_seen").asText()).isNotBlank();

    // The evidence: every event id in the alert is an indexed raw event of that attack.
    Set<String> alertEventIds = new HashSet<>();
    source.at("/alert/event_ids").forEach(id -> alertEventIds.add(id.asText()));
    assertThat(alertEventIds).hasSizeGreaterThanOrEqualTo(5);
    JsonNode events = es.awaitHits("soc-events-demo-*", "source.ip:\"203.0.113.7\"", ALERT_DEADLINE,
        hits -> hits.size() >= 6);
    Set<String> indexedIds = new HashSet<>();
    events.forEach(e -> indexedIds.add(e.path("_id").asText()));
    assertThat(indexedIds).containsAll(alertEventIds);
    assertThat(events.get(0).path("_index").asText()).matches("soc-events-demo-\\d{4}\\.\\d{2}\\.\\d{2}");
  }

  @Test
  void sixFailedSshLoginsOverTcpRaiseOneAlert() throws Exception {
    assumeTrue(Logger.installed(), "util-linux logger is installed by .ci/run");
    Logger.send(syslogPort, "-T", "sshd[77]: Failed password for invalid user admin from 198.51.100.23 port 50022 ssh2",
        6);

    JsonNode alerts = es.awaitHits("soc-alerts-*", "source.ip:\"198.51.100.23\"", ALERT_DEADLINE,
        hits -> hits.size() == 1 && hits.get(0).at("/_source/alert/count").asLong() >= 6);

    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).at("/_source/alert/count").asLong()).isEqualTo(6);
    assertThat(alerts.get(0).at("/_source/threat/technique/id/0").asText()).isEqualTo("T1110");
  }

  @Test
  void fourFailuresRaiseNoAlert() throws Exception {
    assumeTrue(Logger.installed(), "util-linux logger is installed by .ci/run");
    Logger.send(syslogPort, "-d", "sshd[9]: Failed password for root from 192.0.2.200 port 1 ssh2", 4);

    // Wait until the events themselves are searchable, then give the job its idle timeout to evaluate them.
    es.awaitHits("soc-events-*", "source.ip:\"192.0.2.200\"", ALERT_DEADLINE, hits -> hits.size() == 4);
    JsonNode alerts = es.awaitHits("soc-alerts-*", "source.ip:\"192.0.2.200\"", Duration.ofSeconds(8),
        hits -> !hits.isEmpty());
    assertThat(alerts).isEmpty();
  }

  @Test
  void malformedLinesAreIndexedAsParseFailuresWithTheirBytesAndTheServerKeepsServing() throws Exception {
    byte[] garbage = {0x01, (byte) 0xFF, (byte) 0xFE, 'z', 'z', (byte) 0xC3, 0x28, '\n'};
    byte[] wrongPri = "<999>1 2026-11-24T00:00:00Z h app - - - wrong pri marker-e2e-pri\n"
        .getBytes(StandardCharsets.US_ASCII);
    byte[] overLong = new byte[70 * 1024 + 1];
    java.util.Arrays.fill(overLong, (byte) 'A');
    byte[] overLongHeader = "<13>Nov 24 00:00:00 h app: marker-e2e-long ".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(overLongHeader, 0, overLong, 0, overLongHeader.length);
    overLong[overLong.length - 1] = '\n';
    try (Socket socket = new Socket("127.0.0.1", syslogPort); OutputStream out = socket.getOutputStream()) {
      out.write(garbage);
      out.write(wrongPri);
      out.write(overLong);
      out.write("<13>Nov 24 00:00:00 h app: marker-e2e-after-garbage\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    JsonNode failures = es.awaitHits("soc-events-*", "tags:_parse_failure AND observer.ip:\"127.0.0.1\"",
        ALERT_DEADLINE, hits -> containsBytes(hits, garbage) && containsText(hits, "marker-e2e-pri"));
    assertThat(containsBytes(failures, garbage)).as("garbage kept byte for byte").isTrue();
    JsonNode pri = find(failures, "marker-e2e-pri");
    assertThat(pri.at("/_source/error/type").asText()).isNotBlank();
    assertThat(pri.at("/_source/error/message").asText()).contains("PRI");

    JsonNode truncated = es.awaitHits("soc-events-*", "tags:_truncated", ALERT_DEADLINE, hits -> !hits.isEmpty());
    assertThat(truncated).isNotEmpty();
    assertThat(truncated.get(0).at("/_source/soc/truncated").asBoolean()).isTrue();
    assertThat(truncated.get(0).at("/_source/event/original").asText()).startsWith("<13>Nov 24 00:00:00 h app: marker-e2e-long");

    JsonNode after = es.awaitHits("soc-events-*", "message:\"marker-e2e-after-garbage\"", ALERT_DEADLINE,
        hits -> !hits.isEmpty());
    assertThat(after).as("the line after the garbage is still received").hasSize(1);
    assertThat(after.get(0).at("/_source/tags")).isEmpty();
  }

  @Test
  void triageApiListsAlertsWithTheirEvidence() throws Exception {
    assumeTrue(Logger.installed(), "util-linux logger is installed by .ci/run");
    Logger.send(syslogPort, "-T", "sshd[5]: Failed password for root from 203.0.113.99 port 22 ssh2", 5);
    JsonNode alerts = es.awaitHits("soc-alerts-*", "source.ip:\"203.0.113.99\"", ALERT_DEADLINE,
        hits -> hits.size() == 1);
    String id = alerts.get(0).path("_id").asText();
    // Alerts are sent within 200 ms and refreshed on write; the events behind them are batched (up to 1 s), so the
    // evidence may become searchable just after its alert.
    es.awaitHits("soc-events-*", "source.ip:\"203.0.113.99\"", ALERT_DEADLINE, hits -> hits.size() == 5);

    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    JsonNode list = json.readTree(http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + apiPort + "/api/alerts?agency=demo")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    List<String> ids = new ArrayList<>();
    list.forEach(a -> ids.add(a.path("_id").asText()));
    assertThat(ids).contains(id);

    HttpResponse<String> one = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + apiPort + "/api/alerts/" + id)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(one.statusCode()).isEqualTo(200);
    JsonNode detail = json.readTree(one.body());
    assertThat(detail.at("/alert/source/ip").asText()).isEqualTo("203.0.113.99");
    assertThat(detail.path("events")).hasSize(5);

    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + apiPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    HttpResponse<String> bad = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + apiPort + "/api/alerts?agency=*")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void aNetFlowV5RecordBecomesAnEcsNetworkEventOfTheExportersAgency() throws Exception {
    // One NetFlow v5 datagram (Cisco's v5 export format): 24-byte header, one 48-byte record.
    long unixSecs = java.time.Instant.now().getEpochSecond();
    java.nio.ByteBuffer packet = java.nio.ByteBuffer.allocate(24 + 48);
    packet.putShort((short) 5).putShort((short) 1)        // version 5, count 1
        .putInt(600_000).putInt((int) unixSecs).putInt(0)  // sysUptime ms, unix_secs, unix_nsecs
        .putInt(1).put((byte) 0).put((byte) 0).putShort((short) 0);  // flow_sequence, engine type/id, sampling
    packet.put(new byte[] {(byte) 198, 51, 100, 77}).put(new byte[] {10, 10, 1, 20})  // srcaddr, dstaddr
        .putInt(0).putShort((short) 1).putShort((short) 2)  // nexthop, input, output ifIndex
        .putInt(12).putInt(3_400)                           // dPkts, dOctets
        .putInt(590_000).putInt(599_000)                    // First, Last (sysUptime ms)
        .putShort((short) 51_515).putShort((short) 3389)    // srcport, dstport
        .put((byte) 0).put((byte) 0x1B).put((byte) 6).put((byte) 0)  // pad, tcp_flags, prot TCP, tos
        .putShort((short) 0).putShort((short) 0).put((byte) 0).put((byte) 0).putShort((short) 0);
    try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
      socket.send(new java.net.DatagramPacket(packet.array(), packet.capacity(),
          java.net.InetAddress.getByName("127.0.0.1"), netflowPort));
    }

    JsonNode flows = es.awaitHits("soc-events-demo-*", "source.ip:\"198.51.100.77\" AND destination.port:3389",
        ALERT_DEADLINE, hits -> !hits.isEmpty());
    assertThat(flows).hasSize(1);
    JsonNode flow = flows.get(0).path("_source");
    assertThat(flow.at("/event/category/0").asText()).isEqualTo("network");
    assertThat(flow.at("/destination/ip").asText()).isEqualTo("10.10.1.20");
    assertThat(flow.at("/network/transport").asText()).isEqualTo("tcp");
    assertThat(flow.at("/network/bytes").asLong()).isEqualTo(3_400);
    assertThat(flow.at("/network/packets").asLong()).isEqualTo(12);
    assertThat(flow.at("/observer/ip").asText()).isEqualTo("127.0.0.1");
    assertThat(flow.at("/organization/id").asText()).isEqualTo("demo");
  }

  @Test
  void syslogOverTlsWithTheLocalCaRaisesAnAlert() throws Exception {
    // A sender that trusts the CA bin/soc made under <data_dir>/tls/ca.pem, as the README tells sysadmins.
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (java.io.InputStream in = Files.newInputStream(dataDir.resolve("tls/ca.pem"))) {
      trust.setCertificateEntry("soc-ca", java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificate(in));
    }
    javax.net.ssl.TrustManagerFactory tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    try (javax.net.ssl.SSLSocket socket =
        (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("localhost", tlsPort)) {
      javax.net.ssl.SSLParameters params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");  // check the server name, as a real sender must
      socket.setSSLParameters(params);
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < 5; i++) {
        // Current timestamps: events behind the job's watermark would be late and, by design, not correlated.
        String msg = "<38>1 " + java.time.Instant.now() + " web01 sshd 4242 - - Failed password for root from "
            + "203.0.113.66 port 22 ssh2";
        // RFC 5425 framing: octet count, space, message.
        out.write((msg.getBytes(StandardCharsets.UTF_8).length + " " + msg).getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
    }
    JsonNode alerts = es.awaitHits("soc-alerts-*", "source.ip:\"203.0.113.66\"", ALERT_DEADLINE,
        hits -> hits.size() == 1);
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).at("/_source/alert/count").asLong()).isEqualTo(5);
    // The alert sink flushes within 200 ms and refreshes; the events sink on its own interval, so wait for them.
    JsonNode events = es.awaitHits("soc-events-*", "source.ip:\"203.0.113.66\"", ALERT_DEADLINE,
        hits -> hits.size() == 5);
    assertThat(events).hasSize(5);
    for (JsonNode event : events) {
      assertThat(event.at("/_source/soc/input").asText()).isEqualTo("syslog-tls");
    }
  }

  private static boolean containsBytes(JsonNode hits, byte[] expected) {
    for (JsonNode hit : hits) {
      String b64 = hit.at("/_source/soc/original_base64").asText(null);
      if (b64 != null && java.util.Arrays.equals(Base64.getDecoder().decode(b64), stripNewline(expected))) {
        return true;
      }
    }
    return false;
  }

  private static byte[] stripNewline(byte[] bytes) {
    return bytes[bytes.length - 1] == '\n' ? java.util.Arrays.copyOf(bytes, bytes.length - 1) : bytes;
  }

  private static boolean containsText(JsonNode hits, String marker) {
    return find(hits, marker) != null;
  }

  private static JsonNode find(JsonNode hits, String marker) {
    for (JsonNode hit : hits) {
      if (hit.at("/_source/event/original").asText().contains(marker)) {
        return hit;
      }
    }
    return null;
  }
}
