package org.soc.correlation;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.soc.schema.Alert;
import org.soc.schema.Event;

/**
 * Where the job reads and writes: the seams of {@link CorrelationJob#build}. Production wires Kafka and
 * Elasticsearch ({@link KafkaElasticsearchIo}); logic tests wire in-memory sources and sinks.
 */
public interface CorrelationIo {

  /** The event stream, with timestamps and watermarks from {@code watermarks} (type info {@link JsonTypeInfo#EVENT}). */
  DataStream<Event> createSource(StreamExecutionEnvironment env, WatermarkStrategy<Event> watermarks);

  /** Indexes every event, parse failures included. */
  void createEventSink(DataStream<Event> events);

  /** Indexes alerts; an alert is re-sent under the same id each time suppression updates it. */
  void createAlertSink(DataStream<Alert> alerts);
}
