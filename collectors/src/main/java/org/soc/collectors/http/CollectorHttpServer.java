package org.soc.collectors.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.soc.collectors.kafka.EventPublisher;
import org.soc.collectors.kafka.KafkaEventPublisher;
import org.soc.collectors.syslog.SyslogMetrics;
import org.soc.collectors.syslog.SyslogServer;

/**
 * The collector's HTTP endpoint (JDK {@code HttpServer}, one thread): {@code GET /metrics} in Prometheus text
 * format, {@code GET /health} as JSON, 200 while the listeners are up and 503 otherwise. Read-only, no
 * request body is read. Metric names, all prefixed {@code soc_syslog_} or {@code soc_publisher_}:
 *
 * <ul>
 *   <li>per {@code transport} ({@code udp}, {@code tcp}, {@code tls}): {@code received_total},
 *       {@code decoded_total}, {@code malformed_total}, {@code truncated_total}, {@code bytes_total},
 *       {@code dropped_total{reason}}, {@code connections} (open now), {@code connections_total},
 *       {@code connections_rejected_total{reason}}, {@code idle_closed_total}, {@code channel_errors_total};
 *   <li>per {@code agency}: {@code agency_received_total}, {@code agency_malformed_total},
 *       {@code agency_dropped_total};
 *   <li>{@code udp_kernel_drops_total} (from {@code /proc/net/udp}), {@code tcp_read_paused},
 *       {@code tls_handshakes_total{result}}, {@code tls_unknown_client_names_total},
 *       {@code tls_certificate_reloads_total{result}};
 *   <li>{@code soc_publisher_in_flight}, and with Kafka {@code soc_publisher_sent_total},
 *       {@code soc_publisher_dropped_total{reason}}.
 * </ul>
 */
public final class CollectorHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final SyslogServer syslog;
  private final SyslogMetrics metrics;
  private final EventPublisher publisher;

  /**
   * Binds at once.
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public CollectorHttpServer(HttpEndpointConfig config, SyslogServer syslog, EventPublisher publisher) {
    this.syslog = syslog;
    this.metrics = syslog.metrics();
    this.publisher = publisher;
    try {
      server = HttpServer.create(new InetSocketAddress(config.bindHost(), config.port()), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the collector HTTP endpoint to " + config.bindHost() + ":"
          + config.port(), e);
    }
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "collector-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", exchange -> respond(exchange, PrometheusText.CONTENT_TYPE, this::metrics));
    server.createContext("/health", this::health);
    server.start();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void health(HttpExchange exchange) throws IOException {
    boolean up = syslog.running();
    String body = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"tcp_read_paused\":" + syslog.tcpReadPaused()
        + ",\"publisher_in_flight\":" + publisher.inFlight() + ",\"tcp_connections\":" + syslog.tcpConnections()
        + "}\n";
    send(exchange, up ? 200 : 503, "application/json", body);
  }

  private static void respond(HttpExchange exchange, String type, Supplier<String> body) throws IOException {
    send(exchange, 200, type, body.get());
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if ("HEAD".equals(method)) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** The whole scrape. */
  String metrics() {
    PrometheusText p = new PrometheusText();
    perTransport(p, "soc_syslog_received_total", "counter", "Frames (TCP/TLS) or datagrams (UDP) received",
        SyslogMetrics.Transport::received);
    perTransport(p, "soc_syslog_decoded_total", "counter", "Messages parsed without a parse failure",
        SyslogMetrics.Transport::decoded);
    perTransport(p, "soc_syslog_malformed_total", "counter",
        "Messages kept with _parse_failure (bad PRI or header, invalid UTF-8, framing error)",
        SyslogMetrics.Transport::malformed);
    perTransport(p, "soc_syslog_truncated_total", "counter", "Messages cut at the frame size limit",
        SyslogMetrics.Transport::truncated);
    perTransport(p, "soc_syslog_bytes_total", "counter", "Bytes of received messages",
        SyslogMetrics.Transport::bytes);
    p.family("soc_syslog_dropped_total", "counter", "Messages dropped before publishing, by reason");
    for (SyslogMetrics.Transport t : metrics.transports()) {
      t.droppedByReason().forEach((reason, n) ->
          p.sample("soc_syslog_dropped_total", labels("transport", t.name(), "reason", reason), n));
    }
    perTransport(p, "soc_syslog_connections", "gauge", "Connections open now",
        SyslogMetrics.Transport::connectionsOpen);
    perTransport(p, "soc_syslog_connections_total", "counter", "Connections accepted since start",
        SyslogMetrics.Transport::connections);
    p.family("soc_syslog_connections_rejected_total", "counter", "Connections refused, by reason");
    for (SyslogMetrics.Transport t : metrics.transports()) {
      t.connectionsRejectedByReason().forEach((reason, n) -> p.sample("soc_syslog_connections_rejected_total",
          labels("transport", t.name(), "reason", reason), n));
    }
    perTransport(p, "soc_syslog_idle_closed_total", "counter", "Connections closed after the idle timeout",
        SyslogMetrics.Transport::idleClosed);
    perTransport(p, "soc_syslog_channel_errors_total", "counter", "Channel exceptions (resets, I/O errors)",
        SyslogMetrics.Transport::channelErrors);
    perAgency(p, "soc_syslog_agency_received_total", "Messages received, by agency", metrics.receivedByAgency());
    perAgency(p, "soc_syslog_agency_malformed_total", "Malformed messages, by agency",
        metrics.malformedByAgency());
    perAgency(p, "soc_syslog_agency_dropped_total", "Messages dropped before publishing, by agency",
        metrics.droppedByAgency());
    long kernelDrops = syslog.udpKernelDrops();
    if (kernelDrops >= 0) {
      p.family("soc_syslog_udp_kernel_drops_total", "counter",
          "Datagrams the kernel dropped on the UDP port (receive buffer full), from /proc/net/udp")
          .sample("soc_syslog_udp_kernel_drops_total", kernelDrops);
    }
    p.family("soc_syslog_tcp_read_paused", "gauge", "1 while TCP/TLS reading is paused by back-pressure")
        .sample("soc_syslog_tcp_read_paused", syslog.tcpReadPaused() ? 1 : 0);
    SyslogMetrics.Tls tls = metrics.tlsCounters();
    p.family("soc_syslog_tls_handshakes_total", "counter", "TLS handshakes, by result")
        .sample("soc_syslog_tls_handshakes_total", labels("result", "success"), tls.handshakes())
        .sample("soc_syslog_tls_handshakes_total", labels("result", "failure"), tls.handshakeFailures())
        .sample("soc_syslog_tls_handshakes_total", labels("result", "timeout"), tls.handshakeTimeouts());
    p.family("soc_syslog_tls_unknown_client_names_total", "counter",
            "Verified client certificates naming no agency")
        .sample("soc_syslog_tls_unknown_client_names_total", tls.unknownClientNames());
    p.family("soc_syslog_tls_certificate_reloads_total", "counter", "Certificate reloads, by result")
        .sample("soc_syslog_tls_certificate_reloads_total", labels("result", "success"), tls.reloads())
        .sample("soc_syslog_tls_certificate_reloads_total", labels("result", "failure"), tls.reloadFailures());
    p.family("soc_publisher_in_flight", "gauge", "Events handed to the publisher and not yet acknowledged")
        .sample("soc_publisher_in_flight", publisher.inFlight());
    if (publisher instanceof KafkaEventPublisher kafka) {
      p.family("soc_publisher_sent_total", "counter", "Events acknowledged by Kafka")
          .sample("soc_publisher_sent_total", kafka.sent());
      p.family("soc_publisher_dropped_total", "counter", "Events given up on, by reason");
      kafka.droppedByReason().forEach((reason, n) ->
          p.sample("soc_publisher_dropped_total", labels("reason", reason), n));
    }
    return p.toString();
  }

  private void perTransport(PrometheusText p, String name, String type, String help,
      java.util.function.ToLongFunction<SyslogMetrics.Transport> value) {
    p.family(name, type, help);
    for (SyslogMetrics.Transport t : metrics.transports()) {
      p.sample(name, labels("transport", t.name()), value.applyAsLong(t));
    }
  }

  private static void perAgency(PrometheusText p, String name, String help, Map<String, Long> values) {
    p.family(name, "counter", help);
    values.forEach((agency, n) -> p.sample(name, labels("agency", agency), n));
  }

  private static Map<String, String> labels(String... kv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put(kv[i], kv[i + 1]);
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
