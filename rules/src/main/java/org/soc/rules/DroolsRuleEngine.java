package org.soc.rules;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

/**
 * {@link RuleEngine} on one Drools {@link KieSession} in STREAM mode driven by a pseudo clock: the clock only moves
 * when the caller inserts an event or advances it, so sliding windows ({@code over window:time}) and expiry are
 * measured in event time.
 *
 * <p>Inserted {@link SecurityEvent}s are retracted by the engine once they are older than the rule set's longest
 * window ({@link RuleSet#longestWindow()}), so DRL files need no {@code @expires} of their own and retention is the
 * same for every rule of the set.
 */
public final class DroolsRuleEngine implements RuleEngine {
  private final KieSession session;
  private final SessionPseudoClock clock;
  private final MatchCollector collector;
  private final long retentionMillis;
  private final PriorityQueue<Inserted> inserted =
      new PriorityQueue<>(Comparator.comparingLong(Inserted::timestamp).thenComparingLong(Inserted::seq));
  private long seq;

  private record Inserted(long timestamp, long seq, FactHandle handle) {}

  public DroolsRuleEngine(RuleSet rules) {
    this.retentionMillis = rules.longestWindow().toMillis();
    this.session = rules.newSession();
    this.clock = session.getSessionClock();
    this.collector = new MatchCollector(rules.metadataById());
    if (rules.declaresMatchesGlobal()) {
      session.setGlobal(RuleSet.MATCHES_GLOBAL, collector);
    }
  }

  @Override
  public void insert(SecurityEvent event) {
    moveClock(event.getTimestamp());
    inserted.add(new Inserted(event.getTimestamp(), seq++, session.insert(event)));
    session.fireAllRules();
    expire();
  }

  @Override
  public void advanceTo(long eventTimeMillis) {
    moveClock(eventTimeMillis);
    session.fireAllRules();
    expire();
  }

  /** Retracts events that left the longest window: older than (clock - retention). */
  private void expire() {
    long horizon = clock.getCurrentTime() - retentionMillis;
    boolean retracted = false;
    while (!inserted.isEmpty() && inserted.peek().timestamp() < horizon) {
      FactHandle handle = inserted.poll().handle();
      if (session.getObject(handle) != null) {
        session.delete(handle);
        retracted = true;
      }
    }
    if (retracted) {
      session.fireAllRules();
    }
  }

  private void moveClock(long target) {
    long now = clock.getCurrentTime();
    if (target > now) {
      clock.advanceTime(target - now, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public long currentTime() {
    return clock.getCurrentTime();
  }

  @Override
  public List<RuleMatch> drain() {
    return collector.drain();
  }

  @Override
  public long factCount() {
    return session.getFactCount();
  }

  @Override
  public void close() {
    session.dispose();
  }
}
