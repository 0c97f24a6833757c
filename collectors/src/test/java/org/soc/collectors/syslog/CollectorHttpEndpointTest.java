package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soc.collectors.CollectorService;
import org.soc.collectors.http.HttpEndpointConfig;
import org.soc.collectors.kafka.InMemoryEventPublisher;
import org.soc.schema.EventIdGenerator;

/** Scrapes {@code /metrics} and {@code /health} over real HTTP after real syslog traffic. */
class CollectorHttpEndpointTest {
  private final InMemoryEventPublisher sink = new InMemoryEventPublisher();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private CollectorService service;
  private SyslogServer.BoundPorts ports;

  @BeforeEach
  void start() {
    SyslogConfig config = SyslogConfig.defaults().withBindHost("127.0.0.1").withPorts(0, 0).withThreads(1, 1)
        .withWatermarks(10, 5);
    service = new CollectorService(config, new HttpEndpointConfig("127.0.0.1", 0), Fixtures.registry(), sink,
        Fixtures.CLOCK, new EventIdGenerator(3));
    ports = service.start().syslog();
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String scrape() throws Exception {
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    return r.body();
  }

  @Test
  void metricsCountTrafficPerTransportAndPerAgencyInPrometheusFormat() throws Exception {
    try (DatagramSocket udp = new DatagramSocket()) {
      byte[] good = "<13>Mar 14 09:00:00 h app: fine".getBytes(StandardCharsets.UTF_8);
      byte[] bad = "<999>garbage".getBytes(StandardCharsets.UTF_8);
      udp.send(new DatagramPacket(good, good.length, InetAddress.getLoopbackAddress(), ports.udp()));
      udp.send(new DatagramPacket(bad, bad.length, InetAddress.getLoopbackAddress(), ports.udp()));
    }
    try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), ports.tcp())) {
      OutputStream out = tcp.getOutputStream();
      out.write("<13>Mar 14 09:00:00 h app: over tcp\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      for (int i = 0; i < 3; i++) {
        sink.take();
      }
      String m = scrape();
      assertThat(m).contains("# TYPE soc_syslog_received_total counter")
          .contains("soc_syslog_received_total{transport=\"udp\"} 2")
          .contains("soc_syslog_received_total{transport=\"tcp\"} 1")
          .contains("soc_syslog_received_total{transport=\"tls\"} 0")
          .contains("soc_syslog_decoded_total{transport=\"udp\"} 1")
          .contains("soc_syslog_malformed_total{transport=\"udp\"} 1")
          .contains("soc_syslog_connections{transport=\"tcp\"} 1")
          .contains("soc_syslog_connections_total{transport=\"tcp\"} 1")
          .contains("soc_syslog_agency_received_total{agency=\"health\"} 3")
          .contains("soc_syslog_agency_malformed_total{agency=\"health\"} 1")
          .contains("soc_syslog_tcp_read_paused 0")
          .contains("soc_publisher_in_flight 0")
          .containsPattern("soc_syslog_udp_kernel_drops_total \\d+")
          .containsPattern("soc_syslog_bytes_total\\{transport=\"udp\"} (4[0-9])");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!scrape().contains("soc_syslog_connections{transport=\"tcp\"} 0")) {
      assertThat(System.nanoTime()).as("closed connection no longer counted as open").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  @Test
  void udpDropsUnderBackPressureAreCountedByReasonAndAgency() throws Exception {
    sink.setInFlight(21); // above twice the high watermark of 10: UDP cannot push back, so it drops
    try (DatagramSocket udp = new DatagramSocket()) {
      byte[] msg = "<13>Mar 14 09:00:00 h app: dropped".getBytes(StandardCharsets.UTF_8);
      udp.send(new DatagramPacket(msg, msg.length, InetAddress.getLoopbackAddress(), ports.udp()));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String m;
    while (!(m = scrape()).contains("soc_syslog_dropped_total{transport=\"udp\",reason=\"backpressure\"} 1")) {
      assertThat(System.nanoTime()).as("drop counted").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(10);
    }
    assertThat(m).contains("soc_syslog_agency_dropped_total{agency=\"health\"} 1");
    assertThat(service.metrics().droppedFromAgency("health")).isEqualTo(1);
  }

  @Test
  void healthIsUpWhileListeningAndDownOnceTheListenersStop() throws Exception {
    HttpResponse<String> up = get("/health");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body()).contains("\"status\":\"UP\"").contains("\"tcp_read_paused\":false");
    service.syslogServer().close();
    HttpResponse<String> down = get("/health");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).contains("\"status\":\"DOWN\"");
  }

  @Test
  void onlyGetAndHeadAreAllowed() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + service.httpPort() + "/metrics"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
  }
}
