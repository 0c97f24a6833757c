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
 * @param outOfOrderness how far behind the newest event an event may arrive and still be on time (default 2 s)
 * @param idleTimeout processing time without events after which a Kafka partition's watermark jumps to the newest
 *     event seen, so the last burst is evaluated, and then the partition is marked idle (default 5 s)
 * @param rulesDirectory directory of {@code *.drl} + {@code *.yml} rules, or null for the built-in rules
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
    String rulesDirectory) implements Serializable {

  public static final String DEFAULT_TOPIC = "soc.events";
  public static final String DEFAULT_GROUP_ID = "soc-correlation";
  public static final int DEFAULT_PARALLELISM = 2;
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(2);
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
  }

  /** Defaults for everything but where Kafka and Elasticsearch are. */
  public static CorrelationConfig of(String kafkaBootstrapServers, String... elasticsearchUrls) {
    return new CorrelationConfig(kafkaBootstrapServers, DEFAULT_TOPIC, DEFAULT_GROUP_ID, List.of(elasticsearchUrls),
        DEFAULT_PARALLELISM, DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_OUT_OF_ORDERNESS, DEFAULT_IDLE_TIMEOUT, null);
  }

  public CorrelationConfig withParallelism(int value) {
    return new CorrelationConfig(kafkaBootstrapServers, topic, groupId, elasticsearchUrls, value, checkpointInterval,
        outOfOrderness, idleTimeout, rulesDirectory);
  }

  public CorrelationConfig withTopic(String value) {
    return new CorrelationConfig(kafkaBootstrapServers, value, groupId, elasticsearchUrls, parallelism,
        checkpointInterval, outOfOrderness, idleTimeout, rulesDirectory);
  }

  public CorrelationConfig withWatermarks(Duration outOfOrderness, Duration idleTimeout) {
    return new CorrelationConfig(kafkaBootstrapServers, topic, groupId, elasticsearchUrls, parallelism,
        checkpointInterval, outOfOrderness, idleTimeout, rulesDirectory);
  }

  public CorrelationConfig withCheckpointInterval(Duration value) {
    return new CorrelationConfig(kafkaBootstrapServers, topic, groupId, elasticsearchUrls, parallelism, value,
        outOfOrderness, idleTimeout, rulesDirectory);
  }

  public CorrelationConfig withRulesDirectory(String value) {
    return new CorrelationConfig(kafkaBootstrapServers, topic, groupId, elasticsearchUrls, parallelism,
        checkpointInterval, outOfOrderness, idleTimeout, value);
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }
}
