package org.soc.bench.correlation;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.soc.correlation.BinaryTypeInfo;
import org.soc.correlation.CorrelationConfig;
import org.soc.correlation.CorrelationIo;
import org.soc.correlation.RawEvent;
import org.soc.schema.Alert;
import org.soc.schema.Event;

/**
 * The throughput benchmark's wiring of {@code CorrelationJob.build}: the production Kafka source made bounded
 * ({@link BenchKafka#boundedSource}), with the watermark strategy the job passes in; events and alerts go to
 * {@link CountingSink}s named {@code <run>.events} and {@code <run>.alerts}. No rule or intel control topics (the
 * shipped rules and the configured intel files run until the end), no Elasticsearch.
 */
final class BenchIo implements CorrelationIo {
  private final CorrelationConfig config;
  private final String run;

  BenchIo(CorrelationConfig config, String run) {
    this.config = config;
    this.run = run;
  }

  @Override
  public DataStream<RawEvent> createSource(StreamExecutionEnvironment env, WatermarkStrategy<RawEvent> watermarks) {
    return env.fromSource(BenchKafka.boundedSource(config), watermarks, "kafka " + config.topic(),
            BinaryTypeInfo.RAW_EVENT)
        .uid("kafka-events");
  }

  @Override
  public void createEventSink(DataStream<Event> events) {
    events.sinkTo(new CountingSink<>(run + ".events")).name("count events").uid("count-events");
  }

  @Override
  public void createAlertSink(DataStream<Alert> alerts) {
    alerts.sinkTo(new CountingSink<>(run + ".alerts")).name("count alerts").uid("count-alerts");
  }
}
