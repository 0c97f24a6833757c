package org.soc.bench.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.soc.alerting.EventEmitter;
import org.soc.alerting.elasticsearch.IndexDocument;
import org.soc.alerting.elasticsearch.IndexTemplates;
import org.soc.stack.LocalStack;

/**
 * How many event documents the local Elasticsearch node indexes per second on this machine, and what each costs
 * it in CPU: the ceiling under the latency benchmark, which indexes every event. The documents are the events
 * sink's own ({@link EventEmitter} over the {@link BenchEventGenerator} mix: per-agency daily indices, {@code _id}
 * = event id, the installed templates), sent as bulk requests of {@code --bulk} operations with {@code
 * --concurrency} requests in flight, as fast as Elasticsearch answers. Nothing else runs beside it but this
 * sender, which only copies prepared bytes.
 *
 * <pre>
 * java -Dsoc.runtime.dir=stack/target/runtime -cp bench-correlation/target/correlation-benchmarks.jar \
 *     org.soc.bench.correlation.ElasticsearchIndexingRate [--events 400000] [--bulk 1000] [--concurrency 2]
 *     [--rounds 3] [--work DIR] [--results FILE]
 * </pre>
 */
public final class ElasticsearchIndexingRate {
  static final String HEADER = "time\tbenchmark\tround\tevents\tbulk\tconcurrency\tseconds\tdocs_per_s"
      + "\tes_cpu_us_per_doc\tes_cores\tbytes_per_doc\tload_before\tload_after";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ElasticsearchIndexingRate() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = BenchSupport.options(args, new LinkedHashMap<>(Map.of(
        "events", "400000", "bulk", "1000", "concurrency", "2", "rounds", "3",
        "work", "bench-correlation/target/es-indexing", "results", "bench-correlation/target/es-indexing.tsv")),
        "ElasticsearchIndexingRate [--events N] [--bulk N] [--concurrency N] [--rounds N] [--work DIR]"
            + " [--results FILE]");
    int events = Integer.parseInt(o.get("events"));
    int bulk = Integer.parseInt(o.get("bulk"));
    int concurrency = Integer.parseInt(o.get("concurrency"));
    int rounds = Integer.parseInt(o.get("rounds"));
    Path work = Path.of(o.get("work")).toAbsolutePath();
    BenchSupport.deleteRecursively(work);

    try (LocalStack stack = BenchSupport.localStack(work.resolve("stack")).start()) {
      String url = stack.elasticsearchUrl();
      IndexTemplates.install(List.of(url), 0);
      HttpClient http = HttpClient.newHttpClient();
      for (int round = 1; round <= rounds; round++) {
        // A fresh slice of event time per round: new documents, not overwrites of the last round's.
        BenchEventGenerator generator = new BenchEventGenerator(round,
            BenchEventGenerator.DEFAULT_START.plusSeconds(86_400L * round), 10_000);
        List<byte[]> bodies = bulkBodies(generator, events, bulk);
        long bytes = bodies.stream().mapToLong(b -> b.length).sum();
        String loadBefore = BenchSupport.loadAverage();
        long cpuBefore = elasticsearchCpuMillis(http, url);
        long start = System.nanoTime();
        send(http, url, bodies, concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpuMillis = elasticsearchCpuMillis(http, url) - cpuBefore;
        String line = String.join("\t", Instant.now().toString(), "es-indexing", Integer.toString(round),
            Integer.toString(events), Integer.toString(bulk), Integer.toString(concurrency),
            String.format("%.1f", seconds), String.format("%.0f", events / seconds),
            String.format("%.1f", cpuMillis * 1000.0 / events), String.format("%.2f", cpuMillis / 1000.0 / seconds),
            Long.toString(bytes / events), loadBefore, BenchSupport.loadAverage());
        System.out.println(HEADER);
        BenchSupport.result(Path.of(o.get("results")), HEADER, line);
      }
    }
    System.exit(0);
  }

  /** The events as the events sink writes them, grouped into bulk request bodies (NDJSON). */
  private static List<byte[]> bulkBodies(BenchEventGenerator generator, int events, int bulk) {
    EventEmitter emitter = new EventEmitter();
    List<byte[]> bodies = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < events; i++) {
      IndexDocument d = emitter.emit(generator.next());
      body.writeBytes(("{\"index\":{\"_index\":\"" + d.index() + "\",\"_id\":\"" + d.id() + "\"}}\n")
          .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(d.json());
      body.write('\n');
      if ((i + 1) % bulk == 0 || i == events - 1) {
        bodies.add(body.toByteArray());
        body.reset();
      }
    }
    return bodies;
  }

  /** Sends every body, at most {@code concurrency} in flight; fails on any item error. */
  private static void send(HttpClient http, String url, List<byte[]> bodies, int concurrency) throws Exception {
    URI uri = URI.create(url + "/_bulk");
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    int next = 0;
    while (next < bodies.size() || !inFlight.isEmpty()) {
      while (next < bodies.size() && inFlight.size() < concurrency) {
        inFlight.add(http.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(next++))).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      CompletableFuture.anyOf(inFlight.toArray(CompletableFuture[]::new)).join();
      for (int i = inFlight.size() - 1; i >= 0; i--) {
        if (inFlight.get(i).isDone()) {
          HttpResponse<String> r = inFlight.remove(i).join();
          if (r.statusCode() != 200 || JSON.readTree(r.body()).path("errors").asBoolean(true)) {
            throw new IllegalStateException("bulk failed: " + r.statusCode() + " "
                + r.body().substring(0, Math.min(2000, r.body().length())));
          }
        }
      }
    }
  }

  private static long elasticsearchCpuMillis(HttpClient http, String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/_nodes/_local/stats/process"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    for (JsonNode node : JSON.readTree(r.body()).path("nodes")) {
      return node.at("/process/cpu/total_in_millis").asLong();
    }
    throw new IllegalStateException("no node stats: " + r.body());
  }
}
