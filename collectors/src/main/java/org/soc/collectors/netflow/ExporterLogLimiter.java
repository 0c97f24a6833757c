package org.soc.collectors.netflow;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets an error be logged at most once per exporter per interval (default one minute), remembering how many
 * were suppressed meanwhile; everything is counted in {@link FlowMetrics} regardless. Bounded: remembers the
 * most recent {@code maxExporters} exporters.
 */
final class ExporterLogLimiter {
  private final Clock clock;
  private final Duration interval;
  private final Map<InetSocketAddress, long[]> last;

  ExporterLogLimiter(Clock clock, Duration interval, int maxExporters) {
    this.clock = clock;
    this.interval = interval;
    this.last = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, long[]> eldest) {
        return size() > maxExporters;
      }
    };
  }

  /** -1 when this error must not be logged; else how many were suppressed since the last logged one. */
  synchronized long permit(InetSocketAddress exporter) {
    Instant now = clock.instant();
    long[] state = last.get(exporter); // {epoch millis of last log, suppressed since}
    if (state == null || now.toEpochMilli() - state[0] >= interval.toMillis()) {
      long suppressed = state == null ? 0 : state[1];
      last.put(exporter, new long[] {now.toEpochMilli(), 0});
      return suppressed;
    }
    state[1]++;
    return -1;
  }
}
