package org.soc.correlation;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.soc.schema.EventCodec;

/**
 * Event time of the job: {@code @timestamp} of the event ({@link RawEvent#eventTime}: the Kafka record time when
 * a record is no event or has no time), with
 * {@link QuietStreamWatermarkGenerator} watermarks. Processing time for the quiet-stream detection comes from
 * Flink's input activity clock, which stops while the source is back-pressured.
 */
public final class CorrelationWatermarks implements WatermarkStrategy<RawEvent> {
  private static final long serialVersionUID = 1L;

  private final Duration outOfOrderness;
  private final Duration idleTimeout;

  public CorrelationWatermarks(Duration outOfOrderness, Duration idleTimeout) {
    this.outOfOrderness = outOfOrderness;
    this.idleTimeout = idleTimeout;
  }

  @Override
  public WatermarkGenerator<RawEvent> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
    return new QuietStreamWatermarkGenerator<>(outOfOrderness, idleTimeout, context.getInputActivityClock());
  }

  @Override
  public TimestampAssigner<RawEvent> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
    EventCodec codec = new EventCodec(EventCodec.Format.BINARY);
    return (raw, recordTimestamp) -> raw.eventTime(codec);
  }
}
