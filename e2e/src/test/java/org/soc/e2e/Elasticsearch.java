package org.soc.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** What a responder does with curl: searches over the REST API, polled until an expectation holds. */
final class Elasticsearch {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final String url;

  Elasticsearch(String url) {
    this.url = url;
  }

  /** {@code GET <index>/_search?q=<query>}, hits only. */
  JsonNode search(String index, String query) throws IOException, InterruptedException {
    String uri = url + "/" + index + "/_search?size=100&allow_no_indices=true&q="
        + URLEncoder.encode(query, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("search " + uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return json.readTree(response.body()).path("hits").path("hits");
  }

  /** Polls the search until {@code done} accepts its hits or the timeout passes; returns the last hits. */
  JsonNode awaitHits(String index, String query, Duration timeout, Predicate<JsonNode> done)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      JsonNode hits;
      try {
        hits = search(index, query);
      } catch (IOException e) {
        // A just-created index answers 503 until its shard has started: keep polling until the deadline.
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
        hits = json.createArrayNode();
      }
      if (done.test(hits) || Instant.now().isAfter(deadline)) {
        return hits;
      }
      Thread.sleep(250); // polling an external server: there is no event to wait on
    }
  }
}
