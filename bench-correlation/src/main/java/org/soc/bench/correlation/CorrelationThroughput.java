package org.soc.bench.correlation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.soc.collectors.kafka.KafkaEventPublisher;
import org.soc.collectors.kafka.KafkaPublisherConfig;
import org.soc.correlation.CorrelationConfig;
import org.soc.correlation.CorrelationJob;
import org.soc.correlation.enrich.IntelUpdate;
import org.soc.stack.FreePorts;
import org.soc.stack.KafkaBroker;
import org.soc.stack.KafkaConfig;
import org.soc.stack.StackLayout;

/**
 * Events per second through the correlation job: source, enrichment and the shipped rules ({@code rules}), and
 * the same rules' logic in plain Flink windows ({@code flink-baseline}, {@link FlinkBaselineJob}), in one JVM run.
 *
 * <pre>
 * java $FLINK_OPENS -Dsoc.runtime.dir=stack/target/runtime -jar bench-correlation/target/correlation-benchmarks.jar \
 *     [--events 2000000] [--rate 100000] [--parallelism 2] [--rounds 2] [--seed 42] [--jobs rules,flink-baseline] \
 *     [--work bench-correlation/target/correlation-throughput] [--results bench-correlation/target/correlation-throughput.tsv]
 * </pre>
 *
 * <ol>
 *   <li>Starts a Kafka broker (soc-stack's {@link KafkaBroker}, a child JVM, free ports), creates topic
 *       {@value #TOPIC} with 2 partitions and fills it with {@code --events} events of {@link BenchEventGenerator}
 *       ({@code --seed}; event time advancing {@code --rate} events per event-time second) through the collectors'
 *       {@link KafkaEventPublisher} (key = organization.id, zstd, acks=all). Not timed.
 *   <li>Writes the generator's agency registry, asset ranges and threat-intel list as enrichment files, as
 *       {@code bin/soc up} passes {@code config/agencies.yml}, {@code config/assets.yml} and the intel lists.
 *   <li>Starts one MiniCluster (parallelism slots, checkpoints to files under the work dir) and runs, for each of
 *       {@code --rounds} rounds, both jobs one after the other (the order alternates per round), each reading the
 *       whole topic with its own consumer group, bounded at the end offsets, with the production checkpoint
 *       interval. Per job: events and alerts counted by the sinks, net runtime from the job result, events per
 *       second, CPU time of this JVM per event and the cores it kept busy, load average before and after.
 * </ol>
 */
public final class CorrelationThroughput {
  static final String TOPIC = "bench.events";
  static final String HEADER = "time\tbenchmark\tjob\tround\tparallelism\tevents\talerts\tnet_runtime_ms"
      + "\tevents_per_s\tcpu_us_per_event\tcpu_cores\tload_before\tload_after\trate\tseed";
  private static final String USAGE = "CorrelationThroughput [--events N] [--rate EVENTS_PER_EVENT_SECOND] "
      + "[--parallelism P] [--rounds R] [--seed S] [--jobs rules,flink-baseline] [--work DIR] [--results FILE]";

  private CorrelationThroughput() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = BenchSupport.options(args, Map.of(
        "events", "2000000", "rate", "100000", "parallelism", "2", "rounds", "2", "seed", "42",
        "jobs", "rules,flink-baseline", "work", "bench-correlation/target/correlation-throughput",
        "results", "bench-correlation/target/correlation-throughput.tsv"), USAGE);
    long events = Long.parseLong(o.get("events"));
    double rate = Double.parseDouble(o.get("rate"));
    int parallelism = Integer.parseInt(o.get("parallelism"));
    int rounds = Integer.parseInt(o.get("rounds"));
    long seed = Long.parseLong(o.get("seed"));
    List<String> jobs = List.of(o.get("jobs").split(","));
    Path work = Path.of(o.get("work")).toAbsolutePath();
    Path results = Path.of(o.get("results")).toAbsolutePath();
    for (String job : jobs) {
      if (!job.equals("rules") && !job.equals("flink-baseline")) {
        throw new IllegalArgumentException("unknown job " + job + "; jobs are rules, flink-baseline");
      }
    }
    BenchSupport.deleteRecursively(work);
    Files.createDirectories(work);

    FreePorts ports = new FreePorts();
    KafkaBroker broker = new KafkaBroker(StackLayout.fromSystemProperty().validate().kafkaLibsDir(),
        KafkaConfig.defaults(work.resolve("kafka")).withPorts(ports.next(), ports.next()).withNumPartitions(2));
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
    broker.start();
    try {
      String bootstrap = broker.bootstrapServers();
      BenchKafka.createTopic(bootstrap, TOPIC, 2);
      BenchEventGenerator generator = new BenchEventGenerator(seed, rate);
      fill(bootstrap, generator, events);
      List<Path> enrichment = generator.writeEnrichmentFiles(work.resolve("enrichment"));
      CorrelationConfig base = CorrelationConfig.of(bootstrap, "http://unused.invalid:9200")
          .withTopic(TOPIC)
          .withParallelism(parallelism)
          .withEnrichment(enrichment.get(0).toString(), enrichment.get(1).toString(),
              List.of("bench-intel=" + enrichment.get(2)));
      List<IntelUpdate> intel = List.of(new IntelUpdate("bench-intel", 0, BenchEventGenerator.intelList()));
      System.out.printf("correlation throughput: %d events, event-time rate %.0f/s (%.1f s of event time), "
              + "parallelism %d, checkpoints every %s, %d round(s) of %s; results -> %s%n", events, rate,
          events / rate, parallelism, base.checkpointInterval(), rounds, jobs, results);
      System.out.println(HEADER);

      Configuration flink = new Configuration();
      flink.set(RestOptions.BIND_PORT, "0");
      flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("checkpoints").toUri().toString());
      // A finished bounded source would otherwise wait for one more checkpoint (up to an interval) before the
      // job can end: that wait is not processing and would be counted in the net runtime.
      flink.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, false);
      try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
          .setConfiguration(flink).setNumTaskManagers(1).setNumSlotsPerTaskManager(parallelism).build())) {
        cluster.start();
        for (int round = 1; round <= rounds; round++) {
          List<String> order = new java.util.ArrayList<>(jobs);
          if (round % 2 == 0) {
            java.util.Collections.reverse(order);
          }
          for (String job : order) {
            run(cluster, flink, base, intel, job, round, events, rate, seed, results);
          }
        }
      }
    } finally {
      broker.close();
    }
  }

  private static void fill(String bootstrap, BenchEventGenerator generator, long events) throws Exception {
    long begin = System.nanoTime();
    Map<BenchEventGenerator.Kind, Long> mix = new EnumMap<>(BenchEventGenerator.Kind.class);
    KafkaEventPublisher publisher = new KafkaEventPublisher(KafkaPublisherConfig.of(bootstrap).withTopic(TOPIC));
    try {
      for (long i = 0; i < events; i++) {
        publisher.publish(generator.next());
        mix.merge(generator.kind(), 1L, Long::sum);
      }
    } finally {
      publisher.close();
    }
    long inTopic = BenchKafka.endOffsets(bootstrap, TOPIC).values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("filled %s with %d events in %.1f s (not timed): acked %d, dropped %d, in topic %d; mix %s%n",
        TOPIC, events, (System.nanoTime() - begin) / 1e9, publisher.sent(), publisher.dropped(), inTopic, mix);
    if (inTopic != events) {
      throw new IllegalStateException("topic holds " + inTopic + " records, expected " + events);
    }
  }

  private static void run(MiniCluster cluster, Configuration flink, CorrelationConfig base, List<IntelUpdate> intel,
      String job, int round, long expected, double rate, long seed, Path results) throws Exception {
    String name = job + "-" + round;
    CorrelationConfig config = base.withGroupId("bench-" + name);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(), flink);
    if (job.equals("rules")) {
      CorrelationJob.build(env, config, CorrelationJob.rules(config), new BenchIo(config, name));
    } else {
      FlinkBaselineJob.build(env, config, intel, name);
    }
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName("bench-" + name);

    String loadBefore = BenchSupport.loadAverage();
    long cpuBefore = BenchSupport.processCpuNanos();
    JobID id = cluster.submitJob(graph).get(2, TimeUnit.MINUTES).getJobID();
    JobResult result = cluster.requestJobResult(id).get();
    long cpu = BenchSupport.processCpuNanos() - cpuBefore;
    String loadAfter = BenchSupport.loadAverage();
    if (!result.isSuccess()) {
      throw new IllegalStateException("job " + name + " failed",
          result.getSerializedThrowable().map(t -> t.deserializeError(CorrelationThroughput.class.getClassLoader()))
              .orElse(null));
    }
    long events = CountingSink.count(name + ".events");
    long alerts = CountingSink.count(name + ".alerts");
    long netMillis = result.getNetRuntime();
    if (events != expected) {
      System.err.printf("WARNING: %s counted %d events, the topic holds %d%n", name, events, expected);
    }
    BenchSupport.result(results, HEADER, String.join("\t",
        Instant.now().toString(), "correlation-throughput", job, Integer.toString(round),
        Integer.toString(config.parallelism()), Long.toString(events), Long.toString(alerts),
        Long.toString(netMillis),
        String.format("%.0f", events / (netMillis / 1000.0)),
        String.format("%.2f", cpu / 1000.0 / events),
        String.format("%.2f", cpu / 1e6 / netMillis),
        loadBefore, loadAfter, String.format("%.0f", rate), Long.toString(seed)));
  }
}
