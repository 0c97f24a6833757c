package org.soc.collectors.kafka;

import org.soc.schema.EncodedEvent;
import org.soc.schema.Event;

/**
 * Where collectors hand their events. Implementations are thread-safe: every event loop thread publishes.
 * {@link #publish} must not block for long and must not throw for delivery problems; those are counted by the
 * implementation.
 */
public interface EventPublisher extends AutoCloseable {

  /** Queues the event for delivery. */
  void publish(Event event);

  /** Queues an event already written as JSON (the flow collector writes its documents directly). */
  void publish(EncodedEvent event);

  /** Events queued but not yet acknowledged or failed; collectors pause reading above a high watermark. */
  long inFlight();

  /** Delivers what is queued (bounded by the implementation's close timeout) and releases resources. */
  @Override
  void close();
}
