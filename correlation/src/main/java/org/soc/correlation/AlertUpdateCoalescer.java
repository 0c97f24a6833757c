package org.soc.correlation;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.soc.schema.Alert;

/**
 * In front of the alerts' Elasticsearch sink: an alert's first version goes out at once, its later versions
 * (suppression raising the count and last seen) at most once per {@code interval} per alert, the latest of them.
 *
 * <p>Why: an alert is written with a refresh so that analysts see it as soon as its bulk returns, and each
 * written version costs Elasticsearch a refresh of its agency's alert shard (a new segment). A busy scan or an
 * intel hit updates its alert at every watermark: at 5,000 events/s of the benchmark mix, 868 alerts were written
 * 1,871 times, and the refreshes took 1.1 s of the node's time per second against 0.4 s for indexing the events.
 * A new alert is never delayed; a count shown to an analyst trails by at most {@code interval}.
 *
 * <p>Nothing is lost: what is held is written before each checkpoint barrier (so a checkpoint never covers a
 * version that was not handed to the sink) and at end of input. The last-written times are not state: after a
 * restore an alert's next version simply goes out at once. An older version (a lower count) never replaces a
 * held newer one; Elasticsearch's external versioning orders what is written.
 */
public final class AlertUpdateCoalescer extends AbstractStreamOperator<Alert>
    implements OneInputStreamOperator<Alert, Alert>, BoundedOneInput, ProcessingTimeCallback {
  private static final long serialVersionUID = 1L;

  private final long intervalMillis;

  /** Alert id to the processing time its last version was written; only ids written within the interval. */
  private transient Map<String, Long> written;
  /** Alert id to its newest version not written yet, in arrival order. */
  private transient Map<String, StreamRecord<Alert>> held;
  private transient long timerAt;
  private transient Counter coalesced;

  public AlertUpdateCoalescer(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be > 0, got " + interval);
    }
    this.intervalMillis = interval.toMillis();
  }

  @Override
  public void open() throws Exception {
    super.open();
    written = new HashMap<>();
    held = new LinkedHashMap<>();
    timerAt = Long.MAX_VALUE;
    coalesced = getMetricGroup().counter("alertVersionsCoalesced");
  }

  @Override
  public void processElement(StreamRecord<Alert> element) {
    Alert alert = element.getValue();
    String id = alert.id();
    StreamRecord<Alert> waiting = held.get(id);
    if (waiting != null) {
      if (count(alert) >= count(waiting.getValue())) {
        held.put(id, element.copy(alert));
      }
      coalesced.inc();
      return;
    }
    long now = getProcessingTimeService().getCurrentProcessingTime();
    Long last = written.get(id);
    if (last == null || now - last >= intervalMillis) {
      write(id, element, now);
    } else {
      held.put(id, element.copy(alert));
      schedule(last + intervalMillis);
    }
  }

  /** Writes what fell due, forgets ids written longer than an interval ago, and sets the next timer. */
  @Override
  public void onProcessingTime(long time) {
    timerAt = Long.MAX_VALUE;
    Iterator<Map.Entry<String, StreamRecord<Alert>>> due = held.entrySet().iterator();
    while (due.hasNext()) {
      Map.Entry<String, StreamRecord<Alert>> e = due.next();
      if (written.get(e.getKey()) + intervalMillis <= time) {
        due.remove();
        write(e.getKey(), e.getValue(), time);
      }
    }
    long next = Long.MAX_VALUE;
    Iterator<Map.Entry<String, Long>> ids = written.entrySet().iterator();
    while (ids.hasNext()) {
      long expires = ids.next().getValue() + intervalMillis;
      if (expires <= time) {
        ids.remove();
      } else {
        next = Math.min(next, expires);
      }
    }
    if (next != Long.MAX_VALUE) {
      schedule(next);
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    writeAllHeld();
  }

  @Override
  public void endInput() {
    writeAllHeld();
  }

  private void writeAllHeld() {
    long now = getProcessingTimeService().getCurrentProcessingTime();
    for (Map.Entry<String, StreamRecord<Alert>> e : held.entrySet()) {
      write(e.getKey(), e.getValue(), now);
    }
    held.clear();
  }

  private void write(String id, StreamRecord<Alert> record, long now) {
    written.put(id, now);
    schedule(now + intervalMillis);
    output.collect(record);
  }

  private void schedule(long at) {
    if (at < timerAt) {
      timerAt = at;
      getProcessingTimeService().registerTimer(at, this);
    }
  }

  /** Alert ids remembered (written within the interval, or held): bounded by the alerts of one interval. */
  int tracked() {
    return written.size() + held.size();
  }

  private static long count(Alert alert) {
    return alert.alert() == null ? 0 : alert.alert().count();
  }
}
