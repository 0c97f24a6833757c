package org.soc.correlation;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import java.util.List;
import org.soc.alerting.AlertEmitter;
import org.soc.correlation.control.ControlTopics;
import org.soc.correlation.control.ControlWatermarks;
import org.soc.correlation.control.IntelDeserializer;
import org.soc.correlation.control.RuleSetDeserializer;
import org.soc.correlation.control.RuleSetStatus;
import org.soc.correlation.control.RuleSetStatusEmitter;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.correlation.enrich.IntelUpdate;
import org.soc.alerting.EventEmitter;
import org.soc.alerting.elasticsearch.ElasticsearchSink;
import org.soc.alerting.elasticsearch.ElasticsearchSinkConfig;
import org.soc.schema.Alert;
import org.soc.schema.Event;

/**
 * Production wiring: {@link KafkaSource} on the events topic (committed offsets, else earliest; offsets committed
 * on checkpoints) and the alerting module's Elasticsearch sink for events and alerts.
 */
public final class KafkaElasticsearchIo implements CorrelationIo {
  private final CorrelationConfig config;

  public KafkaElasticsearchIo(CorrelationConfig config) {
    this.config = config;
  }

  @Override
  @SuppressWarnings("deprecation") // OffsetResetStrategy: the connector's API still takes it.
  public DataStream<RawEvent> createSource(StreamExecutionEnvironment env, WatermarkStrategy<RawEvent> watermarks) {
    KafkaSource<RawEvent> source = KafkaSource.<RawEvent>builder()
        .setBootstrapServers(config.kafkaBootstrapServers())
        .setTopics(config.topic())
        .setGroupId(config.groupId())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new RawEventDeserializer())
        .setProperty("commit.offsets.on.checkpoint", "true")
        .setProperty("partition.discovery.interval.ms", "60000")
        .build();
    return env.fromSource(source, watermarks, "kafka " + config.topic(), BinaryTypeInfo.RAW_EVENT).uid("kafka-events");
  }

  @Override
  public void createEventSink(DataStream<Event> events) {
    events.sinkTo(new ElasticsearchSink<>(sinkConfig(), new EventEmitter())).name("es events").uid("es-events");
  }

  /**
   * New alerts at once, each alert's later versions at most every {@value #ALERT_UPDATE_MILLIS} ms
   * ({@link AlertUpdateCoalescer}): every version written costs Elasticsearch a refresh of its shard.
   */
  @Override
  public void createAlertSink(DataStream<Alert> alerts) {
    alerts.transform("coalesce alert updates", JsonTypeInfo.ALERT,
            new AlertUpdateCoalescer(java.time.Duration.ofMillis(ALERT_UPDATE_MILLIS)))
        .uid("alert-update-coalescer")
        .sinkTo(new ElasticsearchSink<>(urgentSinkConfig(), new AlertEmitter())).name("es alerts").uid("es-alerts");
  }

  static final long ALERT_UPDATE_MILLIS = 2_000;

  /** The rule set topic from its beginning (compacted: the latest set), no committed offsets; parallelism 1. */
  @Override
  public DataStream<RuleSetUpdate> createRuleControlSource(StreamExecutionEnvironment env) {
    ControlTopics.ensure(config.kafkaBootstrapServers(), List.of(config.rulesTopic(), config.intelTopic()));
    KafkaSource<RuleSetUpdate> source = KafkaSource.<RuleSetUpdate>builder()
        .setBootstrapServers(config.kafkaBootstrapServers())
        .setTopics(config.rulesTopic())
        .setGroupId(config.groupId() + "-rules")
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new RuleSetDeserializer())
        .setProperty("commit.offsets.on.checkpoint", "false")
        .build();
    return env.fromSource(source, ControlWatermarks.strategy(), "kafka " + config.rulesTopic(),
        new JsonTypeInfo<>(RuleSetUpdate.class)).setParallelism(1).uid("kafka-rules");
  }

  /** The intel topic from its beginning (compacted: the latest text per list); parallelism 1. */
  @Override
  public DataStream<IntelUpdate> createIntelSource(StreamExecutionEnvironment env) {
    ControlTopics.ensure(config.kafkaBootstrapServers(), List.of(config.intelTopic()));
    KafkaSource<IntelUpdate> source = KafkaSource.<IntelUpdate>builder()
        .setBootstrapServers(config.kafkaBootstrapServers())
        .setTopics(config.intelTopic())
        .setGroupId(config.groupId() + "-intel")
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new IntelDeserializer())
        .setProperty("commit.offsets.on.checkpoint", "false")
        .build();
    return env.fromSource(source, ControlWatermarks.strategy(), "kafka " + config.intelTopic(),
        new JsonTypeInfo<>(IntelUpdate.class)).setParallelism(1).uid("kafka-intel");
  }

  /** Rule set statuses into the {@value RuleSetStatus#INDEX} index (the triage API can show them). */
  @Override
  public void createRuleStatusSink(DataStream<RuleSetStatus> statuses) {
    statuses.sinkTo(new ElasticsearchSink<>(urgentSinkConfig(), new RuleSetStatusEmitter()))
        .name("es rule set status").uid("es-rule-status");
  }

  /**
   * Alerts and rule statuses: few documents that analysts wait for. Sent within {@value #URGENT_FLUSH_MILLIS} ms and
   * searchable as soon as their bulk returns (refresh on write), instead of up to a second plus the index's
   * periodic refresh later; events keep the default batching.
   */
  private ElasticsearchSinkConfig urgentSinkConfig() {
    ElasticsearchSinkConfig c = sinkConfig();
    return c.withBulk(c.bulkMaxActions(), c.bulkMaxBytes(), java.time.Duration.ofMillis(URGENT_FLUSH_MILLIS))
        .withRefreshOnWrite(true);
  }

  static final long URGENT_FLUSH_MILLIS = 200;

  private ElasticsearchSinkConfig sinkConfig() {
    return ElasticsearchSinkConfig.of(config.elasticsearchUrls().toArray(String[]::new));
  }
}
