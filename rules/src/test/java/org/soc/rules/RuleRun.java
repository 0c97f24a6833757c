package org.soc.rules;

import java.util.ArrayList;
import java.util.List;

/** One pseudo-clock session over the built-in rules: insert facts in order, collect one rule's matches. */
final class RuleRun implements AutoCloseable {
  private static RuleSet builtIn;

  private final RuleEngine engine;

  RuleRun() {
    synchronized (RuleRun.class) {
      if (builtIn == null) {
        builtIn = RuleSet.builtIn();
      }
    }
    engine = new DroolsRuleEngine(builtIn);
  }

  RuleEngine engine() {
    return engine;
  }

  /** Inserts the facts in the given order, then lets an hour of event time pass; the matches of {@code ruleId}. */
  List<RuleMatch> run(String ruleId, List<SecurityEvent> facts) {
    List<RuleMatch> out = new ArrayList<>();
    long last = Long.MIN_VALUE;
    for (SecurityEvent e : facts) {
      engine.insert(e);
      last = Math.max(last, e.getTimestamp());
      out.addAll(engine.drain());
    }
    engine.advanceTo(last + 3_600_000L);
    out.addAll(engine.drain());
    return out.stream().filter(m -> m.ruleId().equals(ruleId)).toList();
  }

  @Override
  public void close() {
    engine.close();
  }
}
