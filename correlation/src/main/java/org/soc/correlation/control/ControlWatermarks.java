package org.soc.correlation.control;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of a control stream (rule sets, intel lists): always {@code Long.MAX_VALUE}, so a broadcast input
 * never holds back the event-time of the operator it is connected to.
 */
public final class ControlWatermarks {
  private ControlWatermarks() {}

  public static <T> WatermarkStrategy<T> strategy() {
    return WatermarkStrategy.<T>forGenerator(ctx -> new WatermarkGenerator<>() {
      @Override
      public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

      @Override
      public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
      }
    }).withTimestampAssigner((e, t) -> Long.MIN_VALUE);
  }
}
