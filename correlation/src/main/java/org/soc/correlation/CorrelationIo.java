package org.soc.correlation;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.soc.correlation.control.RuleSetStatus;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.correlation.enrich.IntelUpdate;
import org.soc.schema.Alert;
import org.soc.schema.Event;

/**
 * Where the job reads and writes: the seams of {@link CorrelationJob#build}. Production wires Kafka and
 * Elasticsearch ({@link KafkaElasticsearchIo}); logic tests wire in-memory sources and sinks.
 */
public interface CorrelationIo {

  /**
   * The events topic's records as they are, with timestamps and watermarks from {@code watermarks} (type info
   * {@link BinaryTypeInfo#RAW_EVENT}).
   */
  DataStream<RawEvent> createSource(StreamExecutionEnvironment env, WatermarkStrategy<RawEvent> watermarks);

  /** Indexes every event, parse failures included. */
  void createEventSink(DataStream<Event> events);

  /** Indexes alerts; an alert is re-sent under the same id each time suppression updates it. */
  void createAlertSink(DataStream<Alert> alerts);

  /**
   * Published rule sets (hot reload), with {@link org.soc.correlation.control.ControlWatermarks}; null when this
   * wiring has none (the rules given to {@link CorrelationJob#build} then run until the job ends).
   */
  default DataStream<RuleSetUpdate> createRuleControlSource(StreamExecutionEnvironment env) {
    return null;
  }

  /** Intel list updates, with {@link org.soc.correlation.control.ControlWatermarks}; null when none. */
  default DataStream<IntelUpdate> createIntelSource(StreamExecutionEnvironment env) {
    return null;
  }

  /** What became of published rule sets; by default only logged (by the operators that produce them). */
  default void createRuleStatusSink(DataStream<RuleSetStatus> statuses) {}
}
