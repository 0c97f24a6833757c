package org.soc.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.soc.schema.EventJson;

/**
 * What the job wrote to the real Elasticsearch, read over its REST API: documents of one time range in
 * {@code soc-events-*} and {@code soc-alerts-*}. Each test class owns a month of event time (alert indices are
 * monthly), so the test classes share one node.
 */
final class SearchProbe {
  static final String EVENTS = "soc-events-*";
  static final String ALERTS = "soc-alerts-*";

  private final String url;
  private final Instant from;
  private final Instant to;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper mapper = EventJson.newMapper();

  /** Documents with {@code from <= @timestamp < to}. */
  SearchProbe(String url, Instant from, Instant to) {
    this.url = url;
    this.from = from;
    this.to = to;
  }

  /** An alert document as indexed: its index and {@code _id}, {@code alert.count} and {@code alert.event_ids}. */
  record IndexedAlert(String index, String id, String rule, long count, List<String> eventIds) {}

  /** Makes everything indexed so far searchable. */
  void refresh() throws IOException, InterruptedException {
    send("POST", "/soc-*/_refresh?allow_no_indices=true&ignore_unavailable=true", null);
  }

  long count(String indices) throws IOException, InterruptedException {
    JsonNode body = send("POST", "/" + indices + "/_count?allow_no_indices=true&ignore_unavailable=true",
        "{\"query\":" + range() + "}");
    return body.path("count").asLong();
  }

  /** Every alert of the range, in id order. */
  List<IndexedAlert> alerts() throws IOException, InterruptedException {
    JsonNode body = send("POST", "/" + ALERTS + "/_search?allow_no_indices=true&ignore_unavailable=true",
        "{\"size\":1000,\"sort\":[{\"alert.id\":\"asc\"}],\"query\":" + range() + "}");
    List<IndexedAlert> alerts = new ArrayList<>();
    for (JsonNode hit : body.path("hits").path("hits")) {
      JsonNode alert = hit.path("_source").path("alert");
      List<String> ids = new ArrayList<>();
      alert.path("event_ids").forEach(id -> ids.add(id.asText()));
      alerts.add(new IndexedAlert(hit.path("_index").asText(), hit.path("_id").asText(),
          hit.path("_source").path("rule").path("id").asText(), alert.path("count").asLong(), ids));
    }
    return alerts;
  }

  /** Alert id to {@code alert.count}; fails on two documents with one id (in two indices). */
  Map<String, Long> alertCounts() throws IOException, InterruptedException {
    Map<String, Long> counts = new TreeMap<>();
    for (IndexedAlert a : alerts()) {
      if (counts.put(a.id(), a.count()) != null) {
        throw new AssertionError("alert " + a.id() + " indexed twice");
      }
    }
    return counts;
  }

  /** Hits of a search for one alert id across every alert index. */
  long alertsWithId(String id) throws IOException, InterruptedException {
    JsonNode body = send("POST", "/" + ALERTS + "/_count?allow_no_indices=true&ignore_unavailable=true",
        "{\"query\":{\"term\":{\"alert.id\":\"" + id + "\"}}}");
    return body.path("count").asLong();
  }

  /**
   * Deletes the indices of the range's month (a test reusing its range for another run; so a test owns a month:
   * the alert indices are monthly). The {@code integ-test-zip} node has no delete-by-query.
   */
  void clear() throws IOException, InterruptedException {
    String month = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC).format(from);
    if (!month.equals(DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC).format(to.minusMillis(1)))) {
      throw new IllegalStateException("range " + from + ".." + to + " spans months");
    }
    JsonNode indices = send("GET", "/_cat/indices/soc-events-*-" + month + ".*,soc-alerts-*-" + month
        + "?format=json&h=index", null);
    for (JsonNode index : indices) {
      send("DELETE", "/" + index.path("index").asText(), null);
    }
  }

  /**
   * Polls (refresh, then read) until {@code condition} holds for the value {@code read} gives, or fails after
   * {@code timeout} with the last value; a new index whose shard is not allocated yet reads as null.
   */
  <T> T await(String what, Duration timeout, Await.Read<T> read, Predicate<T> condition) throws Exception {
    return Await.until(what, timeout, () -> {
      try {
        refresh();
        return read.get();
      } catch (ShardsNotReadyException e) {
        return null;
      }
    }, v -> v != null && condition.test(v));
  }

  /** Elasticsearch answered 503: a new index's primary shard is not allocated yet. */
  static final class ShardsNotReadyException extends IOException {
    private static final long serialVersionUID = 1L;

    ShardsNotReadyException(String message) {
      super(message);
    }
  }


  private String range() {
    return "{\"range\":{\"@timestamp\":{\"gte\":\"" + from + "\",\"lt\":\"" + to + "\"}}}";
  }

  private JsonNode send(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json");
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 503) {
      throw new ShardsNotReadyException(method + " " + path + " -> 503: " + response.body());
    }
    if (response.statusCode() >= 300) {
      throw new IOException(method + " " + path + " -> " + response.statusCode() + ": " + response.body());
    }
    return mapper.readTree(response.body());
  }
}
