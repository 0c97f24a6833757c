package org.soc.bench.correlation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.soc.rules.DroolsRuleEngine;
import org.soc.rules.RuleEngine;
import org.soc.rules.RuleMatch;
import org.soc.rules.RuleSet;
import org.soc.rules.SecurityEvent;
import org.soc.rules.SecurityEventMapper;

/**
 * The shipped rules alone, on one thread: the {@link BenchEventGenerator} mix (no enrichment, so the intel rule
 * sees no tagged flows) fed in event-time order to one {@link DroolsRuleEngine}, as one subtask's key spaces
 * would see it without Flink. Prints per round the wall time, events per second, matches, and a digest of the
 * matches (rule, key, first seen, count) so two versions of the rules can be checked for the same results.
 *
 * <pre>java -Xmx8g -cp bench-correlation/target/correlation-benchmarks.jar \
 *     org.soc.bench.correlation.RuleMixTiming --events 300000 --rounds 3</pre>
 */
public final class RuleMixTiming {
  private static final String USAGE = "RuleMixTiming [--events N] [--rate EVENTS_PER_EVENT_SECOND] [--rounds R] "
      + "[--seed S]";

  private RuleMixTiming() {}

  public static void main(String[] args) {
    Map<String, String> o = BenchSupport.options(args, Map.of("events", "300000", "rate", "100000", "rounds", "3",
        "seed", "42"), USAGE);
    int events = Integer.parseInt(o.get("events"));
    BenchEventGenerator generator = new BenchEventGenerator(Long.parseLong(o.get("seed")),
        Double.parseDouble(o.get("rate")));
    List<SecurityEvent> input = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      input.add(SecurityEventMapper.toFact(generator.next()));
    }
    RuleSet rules = RuleSet.builtIn();
    System.out.println("round\tevents\tseconds\tevents_per_s\tmatches\tdigest");
    for (int round = 1, rounds = Integer.parseInt(o.get("rounds")); round <= rounds; round++) {
      TreeSet<String> seen = new TreeSet<>();
      long matches = 0;
      long start = System.nanoTime();
      try (RuleEngine engine = new DroolsRuleEngine(rules)) {
        for (SecurityEvent e : input) {
          engine.insert(e);
          for (RuleMatch m : engine.drain()) {
            matches++;
            seen.add(m.ruleId() + " " + m.key() + " " + m.firstSeen() + " " + m.count());
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%d\t%d\t%.2f\t%.0f\t%d\t%08x%n", round, events, seconds, events / seconds, matches,
          String.join("\n", seen).hashCode());
    }
  }
}
