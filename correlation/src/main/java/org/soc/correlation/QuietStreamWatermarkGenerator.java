package org.soc.correlation;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Bounded out-of-orderness watermarks that still make progress when the stream goes quiet.
 *
 * <p>While events flow the watermark trails the newest event time by {@code outOfOrderness}. When no event has
 * arrived for {@code idleTimeout} of processing time, the watermark jumps to the newest event time seen, so the
 * last burst before a pause is evaluated without waiting for more events; on the next periodic call the output is
 * marked idle, so a quiet (or empty) Kafka partition does not hold back the others.
 *
 * <p>Trade-off: after such a jump, an event that arrives later with an older timestamp than the newest seen is
 * late. It is still indexed and still handed to the rules, but a window already closed by the jump may not count
 * it. This is the right call for a SOC — an attack burst followed by silence must raise its alert within
 * seconds — at the cost of missing correlations for senders that lag by more than {@code idleTimeout} on an
 * otherwise quiet stream. Raise {@code idleTimeout} to trade detection latency for tolerance of lagging senders.
 */
public final class QuietStreamWatermarkGenerator<T> implements WatermarkGenerator<T> {
  private final long outOfOrdernessMillis;
  private final long idleTimeoutMillis;
  private final RelativeClock clock;

  private long maxTimestamp = Long.MIN_VALUE;
  private long lastEmitted = Long.MIN_VALUE;
  private long lastEventAt;
  private boolean flushed;
  private boolean idle;

  public QuietStreamWatermarkGenerator(Duration outOfOrderness, Duration idleTimeout, RelativeClock clock) {
    this.outOfOrdernessMillis = outOfOrderness.toMillis();
    this.idleTimeoutMillis = idleTimeout.toMillis();
    this.clock = clock;
    this.lastEventAt = clock.relativeTimeMillis();
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
    lastEventAt = clock.relativeTimeMillis();
    flushed = false;
    if (idle) {
      idle = false;
      output.markActive();
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    boolean quiet = clock.relativeTimeMillis() - lastEventAt >= idleTimeoutMillis;
    if (!quiet) {
      if (maxTimestamp != Long.MIN_VALUE) {
        emit(output, maxTimestamp - outOfOrdernessMillis - 1);
      }
      return;
    }
    if (!flushed && maxTimestamp != Long.MIN_VALUE) {
      // Everything seen so far is now on time: flush the last burst.
      emit(output, maxTimestamp);
      flushed = true;
    } else if (!idle) {
      idle = true;
      output.markIdle();
    }
  }

  private void emit(WatermarkOutput output, long watermark) {
    if (watermark > lastEmitted) {
      lastEmitted = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }
}
