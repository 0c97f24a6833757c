package org.soc.correlation;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Flags events whose event time is not after the current watermark ({@code soc.late: true}) and counts them in the
 * {@code lateEvents} metric. Late events are still indexed and still evaluated; the flag tells an analyst that a
 * correlation window may have closed before the event was seen.
 */
public final class LateEventMarker extends ProcessFunction<RawEvent, RawEvent> {
  private static final long serialVersionUID = 1L;

  private transient Counter lateEvents;

  @Override
  public void open(OpenContext openContext) {
    lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
  }

  @Override
  public void processElement(RawEvent event, Context ctx, Collector<RawEvent> out) {
    Long timestamp = ctx.timestamp();
    if (timestamp != null && timestamp <= ctx.timerService().currentWatermark()) {
      lateEvents.inc();
      out.collect(event.markedLate()); // soc.late is set when the event is parsed, RawEvent#toEvent
    } else {
      out.collect(event);
    }
  }
}
