package org.soc.dashboards.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The searches the triage API runs against Elasticsearch, over its REST API. */
public final class ElasticsearchQueries {
  private final HttpClient http;
  private final String baseUrl;
  private final ObjectMapper json;

  public ElasticsearchQueries(HttpClient http, String baseUrl, ObjectMapper json) {
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.json = json;
  }

  /** Newest alerts first, optionally for one agency and one status. */
  public JsonNode alerts(String agency, String status, int size) throws IOException, InterruptedException {
    ObjectNode query = json.createObjectNode();
    query.put("size", Math.max(1, Math.min(size, 500)));
    query.putArray("sort").addObject().putObject("@timestamp").put("order", "desc");
    ArrayNode filters = query.putObject("query").putObject("bool").putArray("filter");
    if (status != null) {
      filters.addObject().putObject("term").put("alert.status", status);
    }
    String index = agency == null ? "soc-alerts-*" : "soc-alerts-" + sanitizeAgency(agency) + "-*";
    return hits(search(index, query));
  }

  /** One alert by id, or null. */
  public JsonNode alert(String id) throws IOException, InterruptedException {
    ObjectNode query = json.createObjectNode();
    query.put("size", 1);
    query.putObject("query").putObject("ids").putArray("values").add(id);
    JsonNode hits = hits(search("soc-alerts-*", query));
    return hits.isEmpty() ? null : hits.get(0);
  }

  /** Events by id: the evidence behind an alert. */
  public JsonNode events(Iterable<String> ids) throws IOException, InterruptedException {
    ObjectNode query = json.createObjectNode();
    query.put("size", 500);
    ArrayNode values = query.putObject("query").putObject("ids").putArray("values");
    ids.forEach(values::add);
    query.putArray("sort").addObject().putObject("@timestamp").put("order", "asc");
    return hits(search("soc-events-*", query));
  }

  /** Cluster health, for /health. */
  public JsonNode clusterHealth() throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/_cluster/health")).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return json.readTree(response.body());
  }

  private JsonNode search(String index, ObjectNode query) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create(baseUrl + "/" + index + "/_search?ignore_unavailable=true&allow_no_indices=true"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(query)))
        .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("Elasticsearch search on " + index + " failed with HTTP " + response.statusCode()
          + ": " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return json.readTree(response.body());
  }

  private ArrayNode hits(JsonNode searchResponse) {
    ArrayNode out = json.createArrayNode();
    for (JsonNode hit : searchResponse.path("hits").path("hits")) {
      ObjectNode doc = ((ObjectNode) hit.path("_source")).deepCopy();
      doc.put("_index", hit.path("_index").asText());
      doc.put("_id", hit.path("_id").asText());
      out.add(doc);
    }
    return out;
  }

  /** Agency ids are index-name fragments; refuse anything that could widen the index pattern. */
  static String sanitizeAgency(String agency) {
    if (!agency.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
      throw new IllegalArgumentException("invalid agency id: " + agency);
    }
    return agency;
  }
}
