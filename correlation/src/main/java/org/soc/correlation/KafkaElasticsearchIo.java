package org.soc.correlation;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.soc.alerting.AlertEmitter;
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
  public DataStream<Event> createSource(StreamExecutionEnvironment env, WatermarkStrategy<Event> watermarks) {
    KafkaSource<Event> source = KafkaSource.<Event>builder()
        .setBootstrapServers(config.kafkaBootstrapServers())
        .setTopics(config.topic())
        .setGroupId(config.groupId())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new EventDeserializer())
        .setProperty("commit.offsets.on.checkpoint", "true")
        .setProperty("partition.discovery.interval.ms", "60000")
        .build();
    return env.fromSource(source, watermarks, "kafka " + config.topic(), JsonTypeInfo.EVENT).uid("kafka-events");
  }

  @Override
  public void createEventSink(DataStream<Event> events) {
    events.sinkTo(new ElasticsearchSink<>(sinkConfig(), new EventEmitter())).name("es events").uid("es-events");
  }

  @Override
  public void createAlertSink(DataStream<Alert> alerts) {
    alerts.sinkTo(new ElasticsearchSink<>(sinkConfig(), new AlertEmitter())).name("es alerts").uid("es-alerts");
  }

  private ElasticsearchSinkConfig sinkConfig() {
    return ElasticsearchSinkConfig.of(config.elasticsearchUrls().toArray(String[]::new));
  }
}
