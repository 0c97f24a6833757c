package org.soc.distribution;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Duration;
import org.soc.schema.EventCodec;

/**
 * The whole SOC's configuration, {@code config/soc.yml}. Every field has a default, so an empty file runs the
 * SOC on this machine with the standard ports. {@code embedded: true} makes {@code bin/soc up} start the server
 * itself; set it to false and give the address to use an existing Kafka or Elasticsearch cluster.
 */
public record SocConfig(
    @JsonProperty("agencies_file") Path agenciesFile,
    @JsonProperty("data_dir") Path dataDir,
    Collectors collectors,
    Kafka kafka,
    Elasticsearch elasticsearch,
    Correlation correlation,
    Api api) {

  public SocConfig {
    agenciesFile = agenciesFile == null ? Path.of("config/agencies.yml") : agenciesFile;
    dataDir = dataDir == null ? Path.of("var") : dataDir;
    collectors = collectors == null
        ? new Collectors(null, null, null, null, null, null, null, null, null, null) : collectors;
    kafka = kafka == null ? new Kafka(null, null, null, null, null, null, null) : kafka;
    elasticsearch = elasticsearch == null ? new Elasticsearch(null, null, null, null, null) : elasticsearch;
    correlation = correlation == null
        ? new Correlation(null, null, null, null, null, null, null, null) : correlation;
    api = api == null ? new Api(null, null) : api;
  }

  public static SocConfig defaults() {
    return new SocConfig(null, null, null, null, null, null, null);
  }

  /** Receivers. Ports: syslog 5514 (UDP and TCP), syslog over TLS 6514, NetFlow 2055, IPFIX 4739. */
  public record Collectors(
      @JsonProperty("bind_host") String bindHost,
      @JsonProperty("syslog_udp_port") Integer syslogUdpPort,
      @JsonProperty("syslog_tcp_port") Integer syslogTcpPort,
      @JsonProperty("syslog_tls_port") Integer syslogTlsPort,
      @JsonProperty("netflow_port") Integer netflowPort,
      @JsonProperty("ipfix_port") Integer ipfixPort,
      @JsonProperty("max_frame_bytes") Integer maxFrameBytes,
      @JsonProperty("max_connections") Integer maxConnections,
      @JsonProperty("metrics_port") Integer metricsPort,
      Tls tls) {
    public Collectors {
      bindHost = bindHost == null ? "0.0.0.0" : bindHost;
      syslogUdpPort = checkPort(syslogUdpPort, 5514, "syslog_udp_port");
      syslogTcpPort = checkPort(syslogTcpPort, 5514, "syslog_tcp_port");
      syslogTlsPort = checkPort(syslogTlsPort, 6514, "syslog_tls_port");
      netflowPort = checkPort(netflowPort, 2055, "netflow_port");
      ipfixPort = checkPort(ipfixPort, 4739, "ipfix_port");
      maxFrameBytes = checkPositive(maxFrameBytes, 64 * 1024, "max_frame_bytes");
      maxConnections = checkPositive(maxConnections, 10_000, "max_connections");
      metricsPort = checkPort(metricsPort, 9514, "metrics_port");
      tls = tls == null ? new Tls(null, null, null, null, null, null) : tls;
    }
  }

  /**
   * Syslog over TLS. Without {@code certificate}/{@code private_key} the SOC makes a private CA and a server
   * certificate under {@code <data_dir>/tls/} (senders trust its {@code ca.pem}); production points these at
   * the PKI's PEM files. {@code client_auth: require} with {@code client_ca} turns on mutual TLS: the client
   * certificate's name (CN or SAN) then says which agency sends, ahead of the source address.
   */
  public record Tls(
      Boolean enabled,
      Path certificate,
      @JsonProperty("private_key") Path privateKey,
      @JsonProperty("client_ca") Path clientCa,
      @JsonProperty("client_auth") String clientAuth,
      @JsonProperty("reject_unknown_client_names") Boolean rejectUnknownClientNames) {
    public Tls {
      enabled = enabled == null || enabled;
      clientAuth = clientAuth == null ? "none" : clientAuth.toLowerCase(java.util.Locale.ROOT);
      if (!java.util.Set.of("none", "optional", "require").contains(clientAuth)) {
        throw new IllegalArgumentException("collectors.tls.client_auth must be none, optional or require");
      }
      if ((certificate == null) != (privateKey == null)) {
        throw new IllegalArgumentException("collectors.tls needs both certificate and private_key, or neither");
      }
      if (!"none".equals(clientAuth) && clientCa == null) {
        throw new IllegalArgumentException("collectors.tls.client_auth " + clientAuth + " needs client_ca");
      }
      rejectUnknownClientNames = rejectUnknownClientNames != null && rejectUnknownClientNames;
    }
  }

  /** Kafka: embedded single-node KRaft broker by default. */
  public record Kafka(
      Boolean embedded,
      String bootstrap,
      Integer port,
      @JsonProperty("controller_port") Integer controllerPort,
      @JsonProperty("events_topic") String eventsTopic,
      Integer partitions,
      @JsonProperty("event_format") String eventFormat) {
    public Kafka {
      embedded = embedded == null || embedded;
      port = checkPort(port, 9092, "kafka.port");
      controllerPort = checkPort(controllerPort, 9093, "kafka.controller_port");
      bootstrap = bootstrap == null ? "127.0.0.1:" + port : bootstrap;
      eventsTopic = eventsTopic == null ? "soc.events" : eventsTopic;
      partitions = checkPositive(partitions, 2, "kafka.partitions");
      eventFormat = EventCodec.Format.parse(eventFormat == null ? "binary" : eventFormat).name().toLowerCase(
          java.util.Locale.ROOT);
    }

    /** How the collectors write events to the topic; the correlation job reads either. */
    public EventCodec.Format format() {
      return EventCodec.Format.parse(eventFormat);
    }
  }

  /** Elasticsearch: embedded single node by default. */
  public record Elasticsearch(
      Boolean embedded,
      String url,
      Integer port,
      @JsonProperty("transport_port") Integer transportPort,
      String heap) {
    public Elasticsearch {
      embedded = embedded == null || embedded;
      port = checkPort(port, 9200, "elasticsearch.port");
      transportPort = checkPort(transportPort, 9300, "elasticsearch.transport_port");
      url = url == null ? "http://127.0.0.1:" + port : url;
      heap = heap == null ? "1g" : heap;
    }
  }

  /** The Flink job: {@code jobmanager: local} runs it in an in-process MiniCluster. */
  public record Correlation(
      String jobmanager,
      Integer parallelism,
      @JsonProperty("checkpoint_interval") Duration checkpointInterval,
      @JsonProperty("out_of_orderness") Duration outOfOrderness,
      @JsonProperty("idle_timeout") Duration idleTimeout,
      @JsonProperty("group_id") String groupId,
      @JsonProperty("assets_file") Path assetsFile,
      @JsonProperty("intel_files") java.util.Map<String, Path> intelFiles) {
    public Correlation {
      jobmanager = jobmanager == null ? "local" : jobmanager;
      parallelism = checkPositive(parallelism, 1, "correlation.parallelism");
      checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(5) : checkpointInterval;
      outOfOrderness = outOfOrderness == null ? Duration.ofMillis(500) : outOfOrderness;
      idleTimeout = idleTimeout == null ? Duration.ofSeconds(1) : idleTimeout;
      groupId = groupId == null ? "soc-correlation" : groupId;
      assetsFile = assetsFile == null ? Path.of("config/assets.yml") : assetsFile;
      intelFiles = intelFiles == null
          ? java.util.Map.of("soc-blocklist", Path.of("config/intel/soc-blocklist.txt"))
          : java.util.Map.copyOf(intelFiles);
    }
  }

  /** The triage HTTP API. */
  public record Api(@JsonProperty("bind_host") String bindHost, Integer port) {
    public Api {
      bindHost = bindHost == null ? "127.0.0.1" : bindHost;
      port = checkPort(port, 8080, "api.port");
    }
  }

  private static Integer checkPort(Integer value, int fallback, String name) {
    int v = value == null ? fallback : value;
    if (v < 0 || v > 65535) {
      throw new IllegalArgumentException(name + " must be 0..65535, was " + v);
    }
    return v;
  }

  private static Integer checkPositive(Integer value, int fallback, String name) {
    int v = value == null ? fallback : value;
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + v);
    }
    return v;
  }
}
