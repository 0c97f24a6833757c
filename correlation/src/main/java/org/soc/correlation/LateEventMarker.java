package org.soc.correlation;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.soc.schema.Event;

/**
 * Flags events whose event time is not after the current watermark ({@code soc.late: true}) and counts them in the
 * {@code lateEvents} metric. Late events are still indexed and still evaluated; the flag tells an analyst that a
 * correlation window may have closed before the event was seen.
 */
public final class LateEventMarker extends ProcessFunction<Event, Event> {
  private static final long serialVersionUID = 1L;

  private transient Counter lateEvents;

  @Override
  public void open(OpenContext openContext) {
    lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
  }

  @Override
  public void processElement(Event event, Context ctx, Collector<Event> out) {
    Long timestamp = ctx.timestamp();
    if (timestamp != null && timestamp <= ctx.timerService().currentWatermark()) {
      lateEvents.inc();
      Event.SocInfo soc = event.soc();
      Event.SocInfo late = soc == null
          ? new Event.SocInfo(null, null, null, null, true)
          : new Event.SocInfo(soc.originalBase64(), soc.originalLength(), soc.truncated(), soc.input(), true);
      out.collect(event.toBuilder().soc(late).build());
    } else {
      out.collect(event);
    }
  }
}
