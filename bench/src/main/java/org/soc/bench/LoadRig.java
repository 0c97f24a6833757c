package org.soc.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.soc.agency.Agency;
import org.soc.agency.AgencyRegistry;
import org.soc.agency.IpPrefix;
import org.soc.collectors.CollectorService;
import org.soc.collectors.kafka.KafkaEventPublisher;
import org.soc.collectors.kafka.KafkaPublisherConfig;
import org.soc.collectors.syslog.SyslogConfig;
import org.soc.collectors.syslog.SyslogMetrics;
import org.soc.schema.EventIdGenerator;
import org.soc.stack.FreePorts;
import org.soc.stack.KafkaBroker;
import org.soc.stack.KafkaConfig;
import org.soc.stack.StackLayout;

/**
 * The Java half of {@code bench/load/syslog-tcp-vs-rsyslog.sh}.
 *
 * <pre>
 * java -Dsoc.runtime.dir=stack/target/runtime -cp bench/target/benchmarks.jar org.soc.bench.LoadRig \
 *      serve WORK_DIR [PARTITIONS [COMPRESSION]]
 *   starts a real Kafka broker (soc-stack's KafkaBroker, a child JVM) with its data under WORK_DIR/kafka,
 *   creates the topic, starts the production CollectorService (syslog TCP only, 127.0.0.1, a free port) with
 *   the production KafkaEventPublisher (acks=all, idempotent; compression.type zstd, the production default,
 *   unless COMPRESSION says otherwise), writes WORK_DIR/ready
 *   ("tcp=PORT bootstrap=HOST:PORT topic=NAME"), then every 100 ms WORK_DIR/ours.count
 *   ("EPOCH_MILLIS ACKED RECEIVED DROPPED": records acknowledged by Kafka, frames received, events dropped),
 *   until SIGTERM, when it stops the collector (flushing the producer) and then the broker.
 *
 * java -cp bench/target/benchmarks.jar org.soc.bench.LoadRig count BOOTSTRAP TOPIC
 *   prints the topic's record count: the sum over partitions of end offset minus start offset.
 *
 * java -cp bench/target/benchmarks.jar org.soc.bench.LoadRig free-port
 *   prints a TCP port free on 127.0.0.1 (for rsyslog's imtcp).
 * </pre>
 */
public final class LoadRig {
  static final String TOPIC = "soc.bench.syslog";

  private LoadRig() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("serve")) {
      serve(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 2, args.length > 3 ? args[3] : null);
    } else if (args.length == 3 && args[0].equals("count")) {
      System.out.println(recordCount(args[1], args[2]));
    } else if (args.length == 1 && args[0].equals("free-port")) {
      System.out.println(new FreePorts().next());
    } else {
      System.err.println("usage: LoadRig serve WORK_DIR [PARTITIONS [COMPRESSION]] | count BOOTSTRAP TOPIC | free-port");
      System.exit(2);
    }
  }

  private static void serve(Path workDir, int partitions, String compression) throws Exception {
    Files.createDirectories(workDir);
    FreePorts ports = new FreePorts();
    KafkaConfig kafkaConfig = KafkaConfig.defaults(workDir.resolve("kafka"))
        .withPorts(ports.next(), ports.next())
        .withNumPartitions(partitions);
    KafkaBroker broker = new KafkaBroker(StackLayout.fromSystemProperty().kafkaLibsDir(), kafkaConfig);
    broker.start();
    try {
      serveCollector(workDir, partitions, compression, broker);
    } catch (Exception | Error e) {
      broker.close();
      throw e;
    }
  }

  private static void serveCollector(Path workDir, int partitions, String compression, KafkaBroker broker)
      throws Exception {
    createTopic(broker.bootstrapServers(), partitions);

    // The collector's production wiring, but only TCP, on loopback and on a free port.
    SyslogConfig syslog = SyslogConfig.defaults().withBindHost("127.0.0.1").withPorts(-1, 0);
    KafkaPublisherConfig defaults = KafkaPublisherConfig.of(broker.bootstrapServers()).withTopic(TOPIC);
    KafkaPublisherConfig publisherConfig = new KafkaPublisherConfig(defaults.bootstrapServers(), defaults.topic(),
        defaults.clientId(), compression, defaults.deliveryTimeout(), defaults.maxBlock(), defaults.closeTimeout(),
        defaults.batching(), producerOverrides(System.getenv("PRODUCER_OVERRIDES")), defaults.format());
    KafkaEventPublisher publisher = new KafkaEventPublisher(publisherConfig);
    AgencyRegistry agencies = new AgencyRegistry(List.of(new Agency("bench", "Benchmark senders",
        List.of(IpPrefix.parse("127.0.0.0/8")), List.of(), ZoneOffset.UTC)));
    CollectorService collector =
        new CollectorService(syslog, agencies, publisher, Clock.systemUTC(), new EventIdGenerator(1));
    int tcpPort = collector.start().syslog().tcp();

    CountDownLatch stopped = new CountDownLatch(1);
    Thread monitor = new Thread(() -> monitor(workDir.resolve("ours.count"), publisher, collector.metrics()),
        "load-rig-monitor");
    monitor.setDaemon(true);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        collector.close();
        SyslogMetrics.Transport tcp = collector.metrics().tcp();
        System.out.printf("collector: received=%d decoded=%d malformed=%d dropped=%d; kafka acked=%d dropped=%d %s%n",
            tcp.received(), tcp.decoded(), tcp.malformed(), tcp.dropped(), publisher.sent(), publisher.dropped(),
            publisher.droppedByReason());
      } finally {
        broker.close();
        stopped.countDown();
      }
    }, "load-rig-shutdown"));
    monitor.start();
    write(workDir.resolve("ready"),
        "tcp=" + tcpPort + " bootstrap=" + broker.bootstrapServers() + " topic=" + TOPIC + "\n");
    System.out.println("ready: syslog tcp 127.0.0.1:" + tcpPort + " -> kafka " + broker.bootstrapServers()
        + " topic " + TOPIC + " compression.type " + publisherConfig.compressionType()
        + " producer overrides " + publisherConfig.overrides());
    stopped.await();
  }

  /** {@code key=value,key=value} producer properties on top of the production ones (to compare settings). */
  static Map<String, String> producerOverrides(String spec) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (spec != null && !spec.isBlank()) {
      for (String pair : spec.split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("PRODUCER_OVERRIDES: expected key=value, got '" + pair + "'");
        }
        out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return out;
  }

  private static void monitor(Path file, KafkaEventPublisher publisher, SyslogMetrics metrics) {
    while (true) {
      SyslogMetrics.Transport tcp = metrics.tcp();
      write(file, System.currentTimeMillis() + " " + publisher.sent() + " " + tcp.received() + " "
          + (publisher.dropped() + tcp.dropped()) + "\n");
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Written to a temporary file and moved, so the script never reads half a line. */
  private static void write(Path file, String text) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Admin admin(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "soc-load-rig");
    return Admin.create(p);
  }

  private static void createTopic(String bootstrap, int partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (Admin admin = admin(bootstrap)) {
      admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  /** Records in the topic: sum over partitions of (latest offset - earliest offset). */
  static long recordCount(String bootstrap, String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (Admin admin = admin(bootstrap)) {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      List<TopicPartition> partitions = description.partitions().stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      Map<TopicPartition, OffsetSpec> latest =
          partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
      Map<TopicPartition, OffsetSpec> earliest =
          partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()));
      long end = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
          .mapToLong(r -> r.offset()).sum();
      long start = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS).values().stream()
          .mapToLong(r -> r.offset()).sum();
      return end - start;
    }
  }
}
