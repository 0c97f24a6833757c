package org.soc.bench.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.soc.alerting.elasticsearch.IndexTemplates;
import org.soc.collectors.kafka.KafkaEventPublisher;
import org.soc.collectors.kafka.KafkaPublisherConfig;
import org.soc.correlation.AlertAssembler;
import org.soc.correlation.CorrelationConfig;
import org.soc.correlation.InProcessCorrelation;
import org.soc.schema.Event;
import org.soc.stack.LocalStack;

/**
 * End-to-end alert latency: event time of the event that completes a brute force to the alert being searchable in
 * Elasticsearch, through the production job ({@link InProcessCorrelation}: Kafka source, enrichment, the shipped
 * rules, the Elasticsearch sinks, default settings) on the real local stack.
 *
 * <pre>
 * java $FLINK_OPENS -Dsoc.runtime.dir=stack/target/runtime -cp bench-correlation/target/correlation-benchmarks.jar \
 *     org.soc.bench.correlation.CorrelationLatency [--rate 10000] [--seconds 60] [--warmup 60] [--settle 60]
 *     [--burst-every-ms 200] [--parallelism 2] [--checkpoint-interval PT5S] [--work DIR] [--results FILE]
 * </pre>
 *
 * A producer in this JVM sends the {@link BenchEventGenerator} mix at {@code --rate} events per second, paced on
 * {@code System.nanoTime}, with {@code @timestamp} = send time, through the collectors' {@link KafkaEventPublisher}
 * (what the collectors run). Every {@code --burst-every-ms} it also sends five failed SSH logins from a fresh
 * source address: one SSH brute-force alert whose id is known in advance ({@link AlertAssembler#alertId}). A
 * poller asks Elasticsearch every 50 ms which of the outstanding ids are searchable. Latency = first seen − the
 * event time of the fifth failure. Bursts of the warm-up are not counted. Between the warm-up and the measured phase
 * nothing is sent until the cold start's backlog has drained (at most {@code --settle} seconds), so the figures are
 * those of a warm SOC at the rate, as one runs for weeks; a rate the machine cannot sustain still shows, as a
 * backlog that grows through the measured phase. Every event is also indexed (the events
 * sink), as in production.
 */
public final class CorrelationLatency {
  static final String HEADER = "time\tbenchmark\tparallelism\trate\tseconds\tbursts\tseen\tmissing\tp50_ms\tp90_ms"
      + "\tp99_ms\tmax_ms\tsent\tlag_end\tload_before\tload_after";
  private static final String RULE = "soc-ssh-bruteforce";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long PACE_NANOS = 1_000_000;

  private CorrelationLatency() {}

  private record Burst(String alertId, long triggerMillis, boolean measured) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = BenchSupport.options(args, new LinkedHashMap<>(Map.of(
        "rate", "10000", "seconds", "60", "warmup", "60", "settle", "60", "burst-every-ms", "200", "parallelism", "2",
        "checkpoint-interval", "",
        "work", "bench-correlation/target/correlation-latency",
        "results", "bench-correlation/target/correlation-latency.tsv")),
        "CorrelationLatency [--rate N] [--seconds S] [--warmup S] [--settle S] [--burst-every-ms MS]"
            + " [--parallelism P] [--checkpoint-interval PT5S]"
            + " [--work DIR] [--results FILE]");
    double rate = Double.parseDouble(o.get("rate"));
    int seconds = Integer.parseInt(o.get("seconds"));
    int warmup = Integer.parseInt(o.get("warmup"));
    int settleLimit = Integer.parseInt(o.get("settle"));
    long burstEvery = Long.parseLong(o.get("burst-every-ms"));
    int parallelism = Integer.parseInt(o.get("parallelism"));
    Path work = Path.of(o.get("work")).toAbsolutePath();
    BenchSupport.deleteRecursively(work);

    try (LocalStack stack = BenchSupport.localStack(work.resolve("stack")).start()) {
      IndexTemplates.install(List.of(stack.elasticsearchUrl()), 0);
      String topic = "bench.latency";
      BenchKafka.createTopic(stack.kafkaBootstrap(), topic, 2);
      BenchEventGenerator generator = new BenchEventGenerator(7, rate);
      List<Path> enrichment = generator.writeEnrichmentFiles(work.resolve("enrichment"));
      CorrelationConfig config = CorrelationConfig.of(stack.kafkaBootstrap(), stack.elasticsearchUrl())
          .withTopic(topic)
          .withParallelism(parallelism)
          .withGroupId("bench-latency")
          .withEnrichment(enrichment.get(0).toString(), enrichment.get(1).toString(),
              List.of("bench-intel=" + enrichment.get(2)));
      if (!o.get("checkpoint-interval").isEmpty()) {
        config = config.withCheckpointInterval(Duration.parse(o.get("checkpoint-interval")));
      }
      System.out.printf("correlation latency: %.0f events/s for %d s (+%d s warm-up), a brute force every %d ms, "
          + "parallelism %d, out-of-orderness %s, checkpoints every %s%n", rate, seconds, warmup, burstEvery,
          parallelism, config.outOfOrderness(), config.checkpointInterval());
      try (InProcessCorrelation job = InProcessCorrelation.start(config, Duration.ofMinutes(3),
          work.resolve("checkpoints"));
          KafkaEventPublisher publisher = new KafkaEventPublisher(
              KafkaPublisherConfig.of(stack.kafkaBootstrap()).withTopic(topic))) {
        String loadBefore = BenchSupport.loadAverage();
        List<Burst> bursts = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();
        Poller poller = new Poller(stack.elasticsearchUrl(), bursts, seen);
        poller.start();
        // Warm-up at the rate (JIT of the job and of Elasticsearch, index creation), then a pause until the
        // pipeline has drained what the cold start left behind, then the measured phase at the same rate.
        long sent = produce(publisher, generator, rate, Duration.ofSeconds(warmup), () -> false, burstEvery, bursts,
            false);
        long settleMillis = settle(stack.kafkaBootstrap(), topic, config.groupId(), bursts, seen, rate,
            Duration.ofSeconds(settleLimit));
        System.out.printf("warm-up: %d events in %d s, settled in %.1f s%n", sent, warmup, settleMillis / 1000.0);
        sent += produce(publisher, generator, rate, Duration.ofSeconds(seconds), () -> false, burstEvery, bursts,
            true);
        // The stragglers, at most 30 s: the mix goes on at the rate (a SOC's input does not stop, and a stream
        // that stops holds its last events until the idle timeout moves the watermark), without bursts.
        sent += produce(publisher, generator, rate, Duration.ofSeconds(30), () -> seen.size() >= bursts.size(), 0,
            bursts, false);
        poller.interrupt();
        poller.join();
        long lag = BenchKafka.lag(stack.kafkaBootstrap(), topic, config.groupId());
        List<Long> latencies = new ArrayList<>();
        int measured = 0;
        int missing = 0;
        // Per burst, in send order, to show how latency moves during the run (a backlog grows, a stall is flat).
        StringBuilder perBurst = new StringBuilder("trigger_ms_since_first\tlatency_ms\n");
        long first = bursts.isEmpty() ? 0 : bursts.get(0).triggerMillis();
        for (Burst b : bursts) {
          if (!b.measured()) {
            continue;
          }
          measured++;
          Long at = seen.get(b.alertId());
          perBurst.append(b.triggerMillis() - first).append('\t').append(at == null ? "-" : at - b.triggerMillis())
              .append('\n');
          if (at == null) {
            missing++;
          } else {
            latencies.add(at - b.triggerMillis());
          }
        }
        java.nio.file.Files.writeString(work.resolve("bursts.tsv"), perBurst);
        Collections.sort(latencies);
        String line = String.join("\t", Instant.now().toString(), "correlation-latency",
            Integer.toString(parallelism), String.format("%.0f", rate), Integer.toString(seconds),
            Integer.toString(measured), Integer.toString(latencies.size()), Integer.toString(missing),
            pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
            latencies.isEmpty() ? "-" : Long.toString(latencies.get(latencies.size() - 1)),
            Long.toString(sent), Long.toString(lag), loadBefore, BenchSupport.loadAverage());
        System.out.println(HEADER);
        BenchSupport.result(Path.of(o.get("results")), HEADER, line);
      }
    }
    System.exit(0);
  }

  private static String pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return "-";
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return Long.toString(sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))));
  }

  /**
   * Sends the mix at {@code rate} for at most {@code length} or until {@code done}, with a brute force every {@code
   * burstEvery} ms (0: none) whose alert is awaited ({@code measured} says whether it counts); returns the events
   * sent.
   */
  private static long produce(KafkaEventPublisher publisher, BenchEventGenerator generator, double rate,
      Duration length, BooleanSupplier done, long burstEvery, List<Burst> bursts, boolean measured)
      throws InterruptedException {
    long start = System.nanoTime();
    long end = start + length.toNanos();
    long nextBurst = burstEvery > 0 ? start : Long.MAX_VALUE;
    long nextCheck = start;
    long sent = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      if (now >= nextCheck) {
        if (done.getAsBoolean()) {
          break;
        }
        nextCheck = now + 100_000_000L;
      }
      long due = (long) ((now - start) / 1e9 * rate);
      // At most 100 per turn, so bursts keep their schedule even when the producer is behind.
      for (int n = 0; sent < due && n < 100; n++) {
        publisher.publish(generator.next(Instant.now()));
        sent++;
      }
      if (now >= nextBurst) {
        int burst = bursts.size();
        int agency = burst % BenchEventGenerator.AGENCIES;
        String org = generator.agencies().get(agency).id();
        String source = "100." + (64 + (burst >> 16) % 64) + "." + ((burst >> 8) & 255) + "." + (burst & 255);
        long first = 0;
        long last = 0;
        for (int i = 0; i < 5; i++) {
          Instant at = Instant.ofEpochMilli(System.currentTimeMillis());
          Event e = generator.sshLogin(at, agency, 1, "root", source, 40000 + i, false);
          publisher.publish(e);
          sent++;
          if (i == 0) {
            first = e.timestamp().toEpochMilli();
          }
          last = e.timestamp().toEpochMilli();
        }
        bursts.add(new Burst(AlertAssembler.alertId(RULE, org + "|" + source, first), last, measured));
        nextBurst = Math.max(nextBurst + burstEvery * 1_000_000L, now);
      }
      if (sent >= due) {
        // Sleep, then send what fell due, as a collector flushing its batch does: spinning here held one of
        // the machine's two cores for the whole run, away from the job, Kafka and Elasticsearch.
        LockSupport.parkNanos(PACE_NANOS);
      }
    }
    return sent;
  }

  /**
   * Waits, sending nothing, until every burst so far is searchable and the job's committed offsets are within a
   * checkpoint interval's worth of records of the end (at most {@code limit}); returns how long it waited.
   */
  private static long settle(String bootstrap, String topic, String groupId, List<Burst> bursts,
      Map<String, Long> seen, double rate, Duration limit) throws Exception {
    long start = System.currentTimeMillis();
    long deadline = start + limit.toMillis();
    long slack = (long) (rate * 6);
    while (System.currentTimeMillis() < deadline) {
      if (seen.size() >= bursts.size() && BenchKafka.lag(bootstrap, topic, groupId) <= slack) {
        break;
      }
      Thread.sleep(200);
    }
    return System.currentTimeMillis() - start;
  }

  /** Asks Elasticsearch every 50 ms which outstanding alert ids are searchable; records when each first is. */
  private static final class Poller extends Thread {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI search;
    private final List<Burst> bursts;
    private final Map<String, Long> seen;

    Poller(String url, List<Burst> bursts, Map<String, Long> seen) {
      super("alert-poller");
      setDaemon(true);
      this.search = URI.create(url + "/soc-alerts-*/_search");
      this.bursts = bursts;
      this.seen = seen;
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        try {
          List<String> outstanding = new ArrayList<>();
          synchronized (bursts) {
            for (Burst b : bursts) {
              if (!seen.containsKey(b.alertId())) {
                outstanding.add(b.alertId());
              }
            }
          }
          if (!outstanding.isEmpty()) {
            String body = JSON.writeValueAsString(Map.of("size", outstanding.size(), "_source", false,
                "query", Map.of("ids", Map.of("values", outstanding))));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(search)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
            long now = System.currentTimeMillis();
            if (r.statusCode() == 200) {
              for (JsonNode hit : JSON.readTree(r.body()).at("/hits/hits")) {
                seen.putIfAbsent(hit.get("_id").asText(), now);
              }
            }
          }
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          System.err.println("poll failed: " + e);
        }
      }
    }
  }
}
