package org.soc.collectors.kafka;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.soc.schema.EncodedEvent;
import org.soc.schema.Event;
import org.soc.schema.EventJson;

/** Test sink: keeps published events in a queue; in-flight is whatever the test sets (watermark tests). */
public final class InMemoryEventPublisher implements EventPublisher {
  private final EventJson json = new EventJson();
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final AtomicLong inFlight = new AtomicLong();
  private volatile boolean closed;

  @Override
  public void publish(Event event) {
    events.add(event);
  }

  /** Kept as the event it reads back as, so tests see both kinds alike. */
  @Override
  public void publish(EncodedEvent event) {
    events.add(json.fromBytes(event.json()));
  }

  @Override
  public long inFlight() {
    return inFlight.get();
  }

  public void setInFlight(long value) {
    inFlight.set(value);
  }

  /** Next event, waiting up to the timeout; null if none arrived. */
  public Event poll(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Next event or an AssertionError after 10 s. */
  public Event take() throws InterruptedException {
    Event e = poll(Duration.ofSeconds(10));
    if (e == null) {
      throw new AssertionError("no event published within 10 s");
    }
    return e;
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
