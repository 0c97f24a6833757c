package org.soc.distribution;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.soc.agency.AgencyRegistry;
import org.soc.agency.AgencyRegistryLoader;
import org.soc.alerting.elasticsearch.IndexTemplates;
import org.soc.collectors.CollectorConfig;
import org.soc.collectors.CollectorService;
import org.soc.collectors.kafka.KafkaPublisherConfig;
import org.soc.collectors.syslog.SyslogConfig;
import org.soc.collectors.http.HttpEndpointConfig;
import org.soc.collectors.netflow.FlowConfig;
import org.soc.collectors.syslog.SyslogTlsConfig;
import org.soc.correlation.CorrelationConfig;
import org.soc.correlation.InProcessCorrelation;
import org.soc.dashboards.api.ApiConfig;
import org.soc.dashboards.api.ElasticsearchQueries;
import org.soc.dashboards.api.TriageApiServer;
import org.soc.schema.EventIdGenerator;
import org.soc.schema.EventJson;
import org.soc.stack.ElasticsearchConfig;
import org.soc.stack.ElasticsearchNode;
import org.soc.stack.KafkaBroker;
import org.soc.stack.KafkaConfig;
import org.soc.stack.StackLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole SOC in one process: the embedded Elasticsearch and Kafka (child processes), the correlation job
 * (in-process Flink MiniCluster), the collectors and the triage API. Started in data-path order so nothing
 * produces before its consumer's storage exists; closed in reverse.
 */
public final class SocRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SocRuntime.class);

  private final SocConfig config;
  private final Path home;
  private final StackLayout layout;
  private final Clock clock;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final List<Endpoint> endpoints = new ArrayList<>();
  private String elasticsearchUrl;
  private String kafkaBootstrap;
  private CollectorService collectors;

  /**
   * @param home project directory: relative paths in the configuration resolve against it
   * @param layout where the Elasticsearch distribution and Kafka jars are (only needed for embedded servers)
   */
  public SocRuntime(SocConfig config, Path home, StackLayout layout, Clock clock) {
    this.config = config;
    this.home = home;
    this.layout = layout;
    this.clock = clock;
  }

  public SocRuntime start() throws Exception {
    try {
      AgencyRegistry agencies = new AgencyRegistryLoader().load(home.resolve(config.agenciesFile()));
      startStorage();
      EventsTopic.ensure(kafkaBootstrap, config.kafka().eventsTopic(), config.kafka().partitions());
      IndexTemplates.install(List.of(elasticsearchUrl), config.elasticsearch().embedded() ? 0 : 1);
      startCorrelation();
      startCollectors(agencies);
      startApi();
      return this;
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** Embedded Elasticsearch and Kafka, started in parallel (Elasticsearch takes ~10 s, Kafka ~5 s). */
  private void startStorage() {
    Path data = home.resolve(config.dataDir());
    SocConfig.Elasticsearch es = config.elasticsearch();
    SocConfig.Kafka kafka = config.kafka();
    CompletableFuture<ElasticsearchNode> esNode = CompletableFuture.completedFuture(null);
    CompletableFuture<KafkaBroker> broker = CompletableFuture.completedFuture(null);
    if (es.embedded()) {
      ElasticsearchNode node = new ElasticsearchNode(layout.validate().elasticsearchHome(),
          ElasticsearchConfig.defaults(data.resolve("elasticsearch"))
              .withPorts(es.port(), es.transportPort()).withHeap(es.heap()));
      started.push(node);
      esNode = CompletableFuture.supplyAsync(node::start, SocRuntime::daemon);
    }
    if (kafka.embedded()) {
      KafkaBroker b = new KafkaBroker(layout.validate().kafkaLibsDir(),
          KafkaConfig.defaults(data.resolve("kafka"))
              .withPorts(kafka.port(), kafka.controllerPort()).withNumPartitions(kafka.partitions()));
      started.push(b);
      broker = CompletableFuture.supplyAsync(b::start, SocRuntime::daemon);
    }
    try {
      CompletableFuture.allOf(esNode, broker).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    elasticsearchUrl = es.url();
    kafkaBootstrap = kafka.bootstrap();
    if (es.embedded()) {
      endpoints.add(new Endpoint("elasticsearch", "http", "127.0.0.1", es.port()));
    }
    if (kafka.embedded()) {
      endpoints.add(new Endpoint("kafka", "tcp", "127.0.0.1", kafka.port()));
    }
  }

  private static void daemon(Runnable task) {
    Thread t = new Thread(task, "soc-start");
    t.setDaemon(true);
    t.start();
  }

  private void startCorrelation() throws Exception {
    SocConfig.Correlation c = config.correlation();
    CorrelationConfig correlation = correlationConfig(config, home, kafkaBootstrap, elasticsearchUrl);
    if (!"local".equals(c.jobmanager())) {
      throw new UnsupportedOperationException(
          "correlation.jobmanager " + c.jobmanager() + ": submitting to a Flink session cluster is done with "
              + "`bin/soc job submit`; `bin/soc up` runs the job in-process (jobmanager: local)");
    }
    InProcessCorrelation job = InProcessCorrelation.start(correlation, Duration.ofMinutes(2),
        home.resolve(config.dataDir()).resolve("flink").resolve("checkpoints"));
    started.push(job);
    LOG.info("correlation job {} running in a local MiniCluster (parallelism {})", job.jobId(), c.parallelism());
  }

  /**
   * The correlation job's settings from the SOC's: topic, consumer group, parallelism, checkpoints, watermarks; the
   * agency registry, the asset file and the intel lists that exist (paths resolved against {@code home}; a missing
   * intel list is skipped with a warning). Shared by {@code bin/soc up} and {@code bin/soc job submit}.
   */
  static CorrelationConfig correlationConfig(SocConfig config, Path home, String kafkaBootstrap,
      String elasticsearchUrl) {
    SocConfig.Correlation c = config.correlation();
    List<String> intel = new ArrayList<>();
    c.intelFiles().forEach((name, file) -> {
      if (java.nio.file.Files.exists(home.resolve(file))) {
        intel.add(name + "=" + home.resolve(file));
      } else {
        LOG.warn("threat-intel list {} not found at {}; skipped", name, home.resolve(file));
      }
    });
    Path assets = home.resolve(c.assetsFile());
    return new CorrelationConfig(kafkaBootstrap, config.kafka().eventsTopic(),
        c.groupId(), List.of(elasticsearchUrl), c.parallelism(), c.checkpointInterval(), c.outOfOrderness(),
        c.idleTimeout(), null)
        .withEnrichment(home.resolve(config.agenciesFile()).toString(),
            java.nio.file.Files.exists(assets) ? assets.toString() : null, intel);
  }

  private void startCollectors(AgencyRegistry agencies) {
    SocConfig.Collectors c = config.collectors();
    SyslogConfig syslog = SyslogConfig.defaults()
        .withBindHost(c.bindHost())
        .withPorts(c.syslogUdpPort(), c.syslogTcpPort())
        .withMaxFrameBytes(c.maxFrameBytes())
        .withMaxConnections(c.maxConnections());
    if (c.tls().enabled()) {
      syslog = syslog.withTls(tlsConfig(c));
    }
    FlowConfig flows = FlowConfig.defaults().withBindHost(c.bindHost()).withPorts(c.netflowPort(), c.ipfixPort());
    KafkaPublisherConfig kafka = KafkaPublisherConfig.of(kafkaBootstrap).withTopic(config.kafka().eventsTopic())
        .withFormat(config.kafka().format());
    HttpEndpointConfig metrics = new HttpEndpointConfig(c.bindHost(), c.metricsPort());
    // One random instance id per collector process keeps event ids unique across collectors and restarts.
    long instanceId = new SecureRandom().nextLong();
    collectors = new CollectorService(new CollectorConfig(syslog, flows, kafka, metrics), agencies, clock,
        new EventIdGenerator(instanceId));
    started.push(collectors);
    CollectorService.BoundPorts ports = collectors.start();
    endpoints.add(new Endpoint("syslog", "udp", c.bindHost(), ports.syslog().udp()));
    endpoints.add(new Endpoint("syslog", "tcp", c.bindHost(), ports.syslog().tcp()));
    if (ports.syslog().tls() > 0) {
      endpoints.add(new Endpoint("syslog tls", "tcp", c.bindHost(), ports.syslog().tls()));
    }
    endpoints.add(new Endpoint("netflow (v5/v9/ipfix)", "udp", c.bindHost(), ports.flows().netflow()));
    endpoints.add(new Endpoint("ipfix (and netflow)", "udp", c.bindHost(), ports.flows().ipfix()));
    endpoints.add(new Endpoint("collector /metrics /health", "http", c.bindHost(), collectors.httpPort()));
  }

  private SyslogTlsConfig tlsConfig(SocConfig.Collectors c) {
    SocConfig.Tls tls = c.tls();
    SyslogTlsConfig result;
    if (tls.certificate() == null) {
      LocalTlsMaterial.Files local =
          new LocalTlsMaterial(home.resolve(config.dataDir()).resolve("tls"), clock).ensure();
      LOG.info("syslog TLS uses the local CA {} (set collectors.tls for production)", local.caCertificate());
      result = SyslogTlsConfig.of(local.serverChain(), local.serverKey());
    } else {
      result = SyslogTlsConfig.of(home.resolve(tls.certificate()), home.resolve(tls.privateKey()));
    }
    result = result.withPort(c.syslogTlsPort());
    if (!"none".equals(tls.clientAuth())) {
      result = result.withClientAuth(
          SyslogTlsConfig.ClientAuth.valueOf(tls.clientAuth().toUpperCase(java.util.Locale.ROOT)),
          home.resolve(tls.clientCa()), tls.rejectUnknownClientNames());
    }
    return result;
  }

  private void startApi() throws Exception {
    SocConfig.Api a = config.api();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ObjectMapper json = EventJson.newMapper();
    TriageApiServer api = new TriageApiServer(new ApiConfig(a.bindHost(), a.port(), elasticsearchUrl),
        new ElasticsearchQueries(http, elasticsearchUrl, json), json);
    started.push(api);
    int port = api.start();
    endpoints.add(new Endpoint("triage api", "http", a.bindHost(), port));
  }

  public List<Endpoint> endpoints() {
    return List.copyOf(endpoints);
  }

  public String elasticsearchUrl() {
    return elasticsearchUrl;
  }

  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  public CollectorService collectors() {
    return collectors;
  }

  /** Stops everything in reverse start order; every component gets its close even if another fails. */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        LOG.warn("error while stopping {}: {}", component, e.toString());
      } catch (Error e) {
        LOG.error("error while stopping {}", component, e);
      }
    }
  }
}
