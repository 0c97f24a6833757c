package org.soc.rules;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kie.api.runtime.KieSession;
import org.kie.api.time.SessionPseudoClock;

/**
 * {@link RuleEngine} on one Drools {@link KieSession} in STREAM mode driven by a pseudo clock: the clock only moves
 * when the caller inserts an event or advances it, so sliding windows ({@code over window:time}) and expiry are
 * measured in event time.
 */
public final class DroolsRuleEngine implements RuleEngine {
  private final KieSession session;
  private final SessionPseudoClock clock;
  private final MatchCollector collector;

  public DroolsRuleEngine(RuleSet rules) {
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
    session.insert(event);
    session.fireAllRules();
  }

  @Override
  public void advanceTo(long eventTimeMillis) {
    moveClock(eventTimeMillis);
    session.fireAllRules();
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
