package org.soc.rules;

import java.util.List;

/**
 * Event-time rule evaluation, the one seam between the job and Drools. Time is driven only by the caller: the
 * engine's clock is the event time of what it was given, never the wall clock, so a replay gives the same
 * matches. Not thread-safe.
 */
public interface RuleEngine extends AutoCloseable {

  /**
   * Advances the clock to the event's timestamp (never backwards) and inserts the event. The rules run over the
   * facts of one event time together: when the clock next moves ({@link #insert} of a later event,
   * {@link #advanceTo}) or at {@link #drain}, which therefore reports what this insert fired.
   * Callers should insert in timestamp order; an event older than the clock is still inserted, but windows are
   * measured from the clock, so it may already be outside them. An event no rule can use (no rule's
   * {@link RuleMetadata#match}) is ignored: it neither moves the clock nor is kept.
   */
  void insert(SecurityEvent event);

  /** Moves the clock forward to the given event time (no-op if not later) and fires what time alone triggers. */
  void advanceTo(long eventTimeMillis);

  /** The engine's current event time, epoch millis. */
  long currentTime();

  /** Runs the rules over what was inserted since they last ran; the matches fired since the last call, in order. */
  List<RuleMatch> drain();

  /** Number of facts (events and rule bookkeeping) the engine holds. */
  long factCount();

  @Override
  void close();
}
