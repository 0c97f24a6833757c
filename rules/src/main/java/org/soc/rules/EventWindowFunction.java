package org.soc.rules;

import java.io.ObjectInput;
import java.io.ObjectOutput;
import org.kie.api.runtime.rule.AccumulateFunction;

/**
 * The {@code eventWindow} accumulate function: an {@link EventWindow} of the accumulated {@link SecurityEvent}s,
 * updated incrementally (Drools calls {@link #reverse} when an event leaves the window or the session). A DRL file
 * brings it in with {@code import accumulate org.soc.rules.EventWindowFunction eventWindow}.
 *
 * <p>Unlike {@code collectList}, whose reverse is a linear {@code List.remove} by {@code equals}, both directions
 * are O(1) for events in event-time order, and the result is the live window, not a copy.
 */
public final class EventWindowFunction implements AccumulateFunction<EventWindow> {

  @Override
  public EventWindow createContext() {
    return new EventWindow();
  }

  @Override
  public EventWindow initContext(EventWindow context) {
    return new EventWindow(); // a fresh window instead of clearing: a consequence may still hold the old one
  }

  @Override
  public void init(EventWindow context) {
    context.clear();
  }

  @Override
  public void accumulate(EventWindow context, Object value) {
    context.add(asEvent(value));
  }

  @Override
  public void reverse(EventWindow context, Object value) {
    context.remove(asEvent(value));
  }

  @Override
  public Object getResult(EventWindow context) {
    return context;
  }

  @Override
  public boolean supportsReverse() {
    return true;
  }

  @Override
  public Class<?> getResultType() {
    return EventWindow.class;
  }

  private static SecurityEvent asEvent(Object value) {
    if (value instanceof SecurityEvent e) {
      return e;
    }
    throw new IllegalArgumentException("eventWindow accumulates SecurityEvent facts, got "
        + (value == null ? "null" : value.getClass().getName()));
  }

  @Override
  public void writeExternal(ObjectOutput out) {
    // stateless
  }

  @Override
  public void readExternal(ObjectInput in) {
    // stateless
  }
}
