package org.soc.dashboards.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The triage HTTP API analysts and the console use:
 *
 * <ul>
 *   <li>{@code GET /health}: the API and Elasticsearch status</li>
 *   <li>{@code GET /api/alerts?agency=&status=&size=}: newest alerts first</li>
 *   <li>{@code GET /api/alerts/{id}}: one alert with the events behind it</li>
 * </ul>
 */
public final class TriageApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TriageApiServer.class);

  private final ApiConfig config;
  private final ElasticsearchQueries queries;
  private final ObjectMapper json;
  private HttpServer server;
  private ExecutorService executor;

  public TriageApiServer(ApiConfig config, ElasticsearchQueries queries, ObjectMapper json) {
    this.config = config;
    this.queries = queries;
    this.json = json;
  }

  /** Binds and serves; returns the bound port (useful with port 0 in tests). */
  public int start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(config.bindHost(), config.port()), 64);
    executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "triage-api");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/health", this::health);
    server.createContext("/api/alerts", this::alerts);
    server.start();
    return server.getAddress().getPort();
  }

  private void health(HttpExchange exchange) throws IOException {
    ObjectNode body = json.createObjectNode();
    body.put("status", "ok");
    try {
      JsonNode es = queries.clusterHealth();
      body.put("elasticsearch", es.path("status").asText("unknown"));
      send(exchange, 200, body);
    } catch (IOException | InterruptedException e) {
      body.put("status", "degraded");
      body.put("elasticsearch", "unreachable: " + e.getMessage());
      send(exchange, 503, body);
    }
  }

  private void alerts(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      sendError(exchange, 405, "only GET is supported");
      return;
    }
    String path = exchange.getRequestURI().getPath();
    Map<String, String> params = queryParams(exchange.getRequestURI().getRawQuery());
    try {
      if (path.equals("/api/alerts") || path.equals("/api/alerts/")) {
        int size = Integer.parseInt(params.getOrDefault("size", "50"));
        send(exchange, 200, queries.alerts(params.get("agency"), params.get("status"), size));
        return;
      }
      String id = path.substring("/api/alerts/".length());
      JsonNode alert = queries.alert(id);
      if (alert == null) {
        sendError(exchange, 404, "no alert with id " + id);
        return;
      }
      List<String> eventIds = new ArrayList<>();
      alert.path("alert").path("event_ids").forEach(n -> eventIds.add(n.asText()));
      ObjectNode body = json.createObjectNode();
      body.set("alert", alert);
      body.set("events", eventIds.isEmpty() ? json.createArrayNode() : queries.events(eventIds));
      send(exchange, 200, body);
    } catch (IllegalArgumentException e) {
      sendError(exchange, 400, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sendError(exchange, 503, "interrupted");
    } catch (IOException e) {
      LOG.warn("alert query failed: {}", e.getMessage());
      sendError(exchange, 502, e.getMessage());
    }
  }

  private static Map<String, String> queryParams(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  private void sendError(HttpExchange exchange, int status, String message) throws IOException {
    ObjectNode body = json.createObjectNode();
    body.put("error", message);
    send(exchange, status, body);
  }

  private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(1);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
