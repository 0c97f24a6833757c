package org.soc.correlation;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the correlation job; the launcher builds it from its YAML.
 *
 * @param kafkaBootstrapServers Kafka {@code bootstrap.servers}, e.g. {@code 127.0.0.1:9092}
 * @param topic topic the collectors write ECS events to (default {@value #DEFAULT_TOPIC})
 * @param groupId consumer group; offsets are committed on checkpoints (default {@value #DEFAULT_GROUP_ID})
 * @param elasticsearchUrls Elasticsearch HTTP endpoints for events and alerts
 * @param parallelism job parallelism (default 2)
 * @param checkpointInterval exactly-once state checkpoints; sinks flush on each (default 5 s)
 * @param outOfOrderness how far behind the newest event an event may arrive and still be on time (default 500 ms: an alert waits this long for stragglers; later events are still evaluated, counted late)
 * @param idleTimeout processing time without events after which a Kafka partition's watermark jumps to the newest
 *     event seen, so the last burst is evaluated, and then the partition is marked idle (default 5 s)
 * @param rulesDirectory directory of {@code *.drl} + {@code *.yml} rules, or null for the built-in rules
 * @param agenciesFile agency registry YAML for enrichment ({@code source/destination.organization.id} labels,
 *     organization names), or null
 * @param assetsFile asset criticality per address range ({@code config/assets.yml}), or null
 * @param intelFiles threat-intelligence lists loaded at start, {@code name=path} or {@code path} (name = file name
 *     without extension); one address or CIDR per line, {@code #} comments
 * @param rulesTopic control topic of published rule sets (default {@value #DEFAULT_RULES_TOPIC})
 * @param intelTopic topic of intel list updates: key = list name, value = the list's text (default
 *     {@value #DEFAULT_INTEL_TOPIC})
 */
public record CorrelationConfig(
    String kafkaBootstrapServers,
    String topic,
    String groupId,
    List<String> elasticsearchUrls,
    int parallelism,
    Duration checkpointInterval,
    Duration outOfOrderness,
    Duration idleTimeout,
    String rulesDirectory,
    String agenciesFile,
    String assetsFile,
    List<String> intelFiles,
    String rulesTopic,
    String intelTopic) implements Serializable {

  public static final String DEFAULT_RULES_TOPIC = "soc.rules";
  public static final String DEFAULT_INTEL_TOPIC = "soc.intel";

  /** Without enrichment files, default control topics (the launcher's original form). */
  public CorrelationConfig(String kafkaBootstrapServers, String topic, String groupId, List<String> elasticsearchUrls,
      int parallelism, Duration checkpointInterval, Duration outOfOrderness, Duration idleTimeout,
      String rulesDirectory) {
    this(kafkaBootstrapServers, topic, groupId, elasticsearchUrls, parallelism, checkpointInterval, outOfOrderness,
        idleTimeout, rulesDirectory, null, null, List.of(), DEFAULT_RULES_TOPIC, DEFAULT_INTEL_TOPIC);
  }

  public static final String DEFAULT_TOPIC = "soc.events";
  public static final String DEFAULT_GROUP_ID = "soc-correlation";
  public static final int DEFAULT_PARALLELISM = 2;
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofMillis(500);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(5);

  public CorrelationConfig {
    Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(groupId, "groupId");
    elasticsearchUrls = List.copyOf(Objects.requireNonNull(elasticsearchUrls, "elasticsearchUrls"));
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    requirePositive(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(outOfOrderness, "outOfOrderness");
    if (outOfOrderness.isNegative()) {
      throw new IllegalArgumentException("outOfOrderness must be >= 0, got " + outOfOrderness);
    }
    requirePositive(idleTimeout, "idleTimeout");
    intelFiles = intelFiles == null ? List.of() : List.copyOf(intelFiles);
    rulesTopic = rulesTopic == null ? DEFAULT_RULES_TOPIC : rulesTopic;
    intelTopic = intelTopic == null ? DEFAULT_INTEL_TOPIC : intelTopic;
  }

  /** Defaults for everything but where Kafka and Elasticsearch are. */
  public static CorrelationConfig of(String kafkaBootstrapServers, String... elasticsearchUrls) {
    return new CorrelationConfig(kafkaBootstrapServers, DEFAULT_TOPIC, DEFAULT_GROUP_ID, List.of(elasticsearchUrls),
        DEFAULT_PARALLELISM, DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_OUT_OF_ORDERNESS, DEFAULT_IDLE_TIMEOUT, null);
  }

  public CorrelationConfig withParallelism(int value) {
    return new CorrelationConfig(kafkaBootstrapServers, topic, groupId, elasticsearchUrls, value, checkpointInterval,
        outOfOrderness, idleTimeout, rulesDirectory, agenciesFile, assetsFile, intelFiles, rulesTopic, intelTopic);
  }

  public CorrelationConfig withTopic(String value) {
    return new CorrelationConfig(kafkaBootstrapServers, value, groupId, elasticsearchUrls, parallelism,
        checkpointInterval, outOfOrderness, idleTimeout, rulesDirectory, agenciesFile, assetsFile, intelFiles,
        rulesTopic, intelTopic);
  }

  public CorrelationConfig withGroupId(String value) {
    return new CorrelationConfig(kafkaBootstrapServers, topic, value, elasticsearchUrls, parallelism,
        checkpointInterval, outOfOrderness, idleTimeout, rulesDirectory, agenciesFile, assetsFile, intelFiles,
        rulesTopic, intelTopic);
  }

  public CorrelationConfig withWatermarks(Duration outOfOrderness, Duration idleTimeout) {
    return new CorrelationConfig(kafkaBootstrapServers, topic, groupId, elasticsearchUrls, parallelism,
        checkpointInterval, outOfOrderness, idleTimeout, rulesDirectory, agenciesFile, assetsFile, intelFiles,
        rulesTopic, intelTopic);
  }

  public CorrelationConfig withCheckpointInterval(Duration value) {
    return new CorrelationConfig(kafkaBootstrapServers, topic, groupId, elasticsearchUrls, parallelism, value,
        outOfOrderness, idleTimeout, rulesDirectory, agenciesFile, assetsFile, intelFiles, rulesTopic, intelTopic);
  }

  public CorrelationConfig withRulesDirectory(String value) {
    return new CorrelationConfig(kafkaBootstrapServers, topic, groupId, elasticsearchUrls, parallelism,
        checkpointInterval, outOfOrderness, idleTimeout, value, agenciesFile, assetsFile, intelFiles, rulesTopic,
        intelTopic);
  }

  /** Enrichment inputs: agency registry, asset ranges (each may be null) and intel list files. */
  public CorrelationConfig withEnrichment(String agencies, String assets, List<String> intel) {
    return new CorrelationConfig(kafkaBootstrapServers, topic, groupId, elasticsearchUrls, parallelism,
        checkpointInterval, outOfOrderness, idleTimeout, rulesDirectory, agencies, assets, intel, rulesTopic,
        intelTopic);
  }

  public CorrelationConfig withControlTopics(String rules, String intel) {
    return new CorrelationConfig(kafkaBootstrapServers, topic, groupId, elasticsearchUrls, parallelism,
        checkpointInterval, outOfOrderness, idleTimeout, rulesDirectory, agenciesFile, assetsFile, intelFiles, rules,
        intel);
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }
}
