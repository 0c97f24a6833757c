package org.soc.bench.correlation;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.soc.correlation.CorrelationConfig;
import org.soc.correlation.RawEvent;
import org.soc.correlation.RawEventDeserializer;
import org.soc.schema.Event;

/** Kafka helpers of the correlation benchmarks: topics, offsets, the production source settings. */
final class BenchKafka {
  private BenchKafka() {}

  static Admin admin(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "soc-correlation-bench");
    return Admin.create(p);
  }

  static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }
  }

  /** End offset per partition. */
  static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic) throws Exception {
    try (Admin admin = admin(bootstrap)) {
      int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
          .partitions().size();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      for (int i = 0; i < partitions; i++) {
        latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
      }
      return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
  }

  /** Records in the topic minus the offsets {@code groupId} committed (all records when it committed none). */
  static long lag(String bootstrap, String topic, String groupId) throws Exception {
    Map<TopicPartition, Long> end = endOffsets(bootstrap, topic);
    try (Admin admin = admin(bootstrap)) {
      ListConsumerGroupOffsetsResult r = admin.listConsumerGroupOffsets(groupId);
      Map<TopicPartition, OffsetAndMetadata> committed = r.partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      long lag = 0;
      for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        lag += e.getValue() - (c == null ? 0 : c.offset());
      }
      return lag;
    }
  }

  /**
   * The source {@code KafkaElasticsearchIo} builds (committed offsets else earliest, {@link RawEventDeserializer},
   * offsets committed on checkpoints, partition discovery every minute), but bounded: it stops at the topic's end
   * offsets as of job start.
   */
  @SuppressWarnings("deprecation") // OffsetResetStrategy: the connector's API still takes it.
  static KafkaSource<RawEvent> boundedSource(CorrelationConfig config) {
    return KafkaSource.<RawEvent>builder()
        .setBootstrapServers(config.kafkaBootstrapServers())
        .setTopics(config.topic())
        .setGroupId(config.groupId())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setBounded(OffsetsInitializer.latest())
        .setDeserializer(new RawEventDeserializer())
        .setProperty("commit.offsets.on.checkpoint", "true")
        .setProperty("partition.discovery.interval.ms", "60000")
        .build();
  }
}
