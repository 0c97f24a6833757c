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
 * <p>Inserted {@link SecurityEvent}s are retracted by the engine once they are older than the longest window of
 * the rules that can use them ({@link RuleSet#retentionMillis}), so DRL files need no {@code @expires} of their
 * own. A fact no rule of the set can use ({@link RuleMetadata#match}) is not inserted at all.
 */
public final class DroolsRuleEngine implements RuleEngine {
  private final KieSession session;
  private final SessionPseudoClock clock;
  private final MatchCollector collector;
  private final RuleSet rules;
  private final PriorityQueue<Inserted> inserted =
      new PriorityQueue<>(Comparator.comparingLong(Inserted::expiresAt).thenComparingLong(Inserted::seq));
  private long seq;
  /** Facts were inserted at the current clock and the rules have not run over them yet. */
  private boolean unfired;

  /** {@code expiresAt}: event time after which no rule can use the fact any more. */
  private record Inserted(long expiresAt, long seq, FactHandle handle) {}

  public DroolsRuleEngine(RuleSet rules) {
    this.rules = rules;
    this.session = rules.newSession();
    this.clock = session.getSessionClock();
    this.collector = new MatchCollector(rules.metadataById());
    if (rules.declaresMatchesGlobal()) {
      session.setGlobal(RuleSet.MATCHES_GLOBAL, collector);
    }
  }

  @Override
  public void insert(SecurityEvent event) {
    long retention = rules.retentionMillis(event);
    if (retention == 0) {
      return;
    }
    if (event.getTimestamp() > clock.getCurrentTime()) {
      settle();
      moveClock(event.getTimestamp());
    }
    inserted.add(new Inserted(event.getTimestamp() + retention, seq++, session.insert(event)));
    unfired = true;
  }

  @Override
  public void advanceTo(long eventTimeMillis) {
    settle();
    moveClock(eventTimeMillis);
    session.fireAllRules();
    expire();
  }

  /**
   * Runs the rules over the facts inserted at the current clock, once for all of them: the facts of one instant
   * go into the network together (Phreak evaluates a rule once per batch, not once per fact).
   */
  private void settle() {
    if (unfired) {
      unfired = false;
      session.fireAllRules();
      expire();
    }
  }

  /** Retracts events that left the longest window of their rules: timestamp + retention before the clock. */
  private void expire() {
    long now = clock.getCurrentTime();
    boolean retracted = false;
    while (!inserted.isEmpty() && inserted.peek().expiresAt() < now) {
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
    settle();
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
