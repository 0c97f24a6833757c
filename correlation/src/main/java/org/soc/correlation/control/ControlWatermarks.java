package org.soc.correlation.control;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of a control stream (rule sets, intel lists): none; the stream declares itself idle, so a broadcast
 * input never holds back the event time of the operator it is connected to. It must not emit
 * {@code Long.MAX_VALUE} instead: once the event input goes idle on a quiet stream, the operator's watermark
 * would become the control input's, MAX, and every later event would be late.
 */
public final class ControlWatermarks {
  private ControlWatermarks() {}

  public static <T> WatermarkStrategy<T> strategy() {
    return WatermarkStrategy.<T>forGenerator(ctx -> new WatermarkGenerator<>() {
      @Override
      public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

      @Override
      public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
      }
    }).withTimestampAssigner((e, t) -> Long.MIN_VALUE);
  }
}
