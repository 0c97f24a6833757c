package org.soc.correlation;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.soc.schema.Event;

/**
 * Event time of the job: {@code @timestamp} of the event (the Kafka record time when an event has none), with
 * {@link QuietStreamWatermarkGenerator} watermarks. Processing time for the quiet-stream detection comes from
 * Flink's input activity clock, which stops while the source is back-pressured.
 */
public final class CorrelationWatermarks implements WatermarkStrategy<Event> {
  private static final long serialVersionUID = 1L;

  private final Duration outOfOrderness;
  private final Duration idleTimeout;

  public CorrelationWatermarks(Duration outOfOrderness, Duration idleTimeout) {
    this.outOfOrderness = outOfOrderness;
    this.idleTimeout = idleTimeout;
  }

  @Override
  public WatermarkGenerator<Event> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
    return new QuietStreamWatermarkGenerator<>(outOfOrderness, idleTimeout, context.getInputActivityClock());
  }

  @Override
  public TimestampAssigner<Event> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
    return CorrelationWatermarks::eventTime;
  }

  static long eventTime(Event event, long recordTimestamp) {
    return event.timestamp() != null ? event.timestamp().toEpochMilli() : recordTimestamp;
  }
}
