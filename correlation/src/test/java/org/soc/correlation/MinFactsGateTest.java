package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.soc.rules.FactFilter;
import org.soc.rules.RuleDefinition;
import org.soc.rules.RuleMetadata;
import org.soc.rules.SecurityEvent;
import org.soc.rules.SecurityEventMapper;
import org.soc.schema.Alert;

/**
 * {@code min_facts} keeps the facts of thin keys out of the engine; it must not change a single alert. The same
 * seeded mix (background flows and logins from thousands of sources, scanners, brute-force bursts with and
 * without a success, arriving slightly out of order) goes through the evaluator with the shipped rules and with
 * the same rules without the gate; the alerts, in their final versions, must be identical.
 */
class MinFactsGateTest {
  private static final String[] AGENCIES = {"health", "finance", "interior"};

  @Test
  void theGateChangesNoAlertOfTheShippedRules() throws Exception {
    List<SecurityEvent> mix = mix(new SplittableRandom(7), 40_000);
    Map<String, String> gated = alerts(RuleEvaluatorTest.RULES, mix);
    Map<String, String> ungated = alerts(RuleEvaluatorTest.RULES.stream().map(MinFactsGateTest::ungated).toList(),
        mix);

    assertThat(gated).as("alerts of every shipped rule kind").hasSizeGreaterThan(20);
    assertThat(gated.values()).anyMatch(a -> a.startsWith("soc-ssh-bruteforce"))
        .anyMatch(a -> a.startsWith("soc-bruteforce-then-success"))
        .anyMatch(a -> a.startsWith("soc-portscan-horizontal")).anyMatch(a -> a.startsWith("soc-portscan-vertical"));
    assertThat(gated).isEqualTo(ungated);
  }

  @Test
  void mostFactsOfTheMixNeverEnterTheEngine() throws Exception {
    List<SecurityEvent> mix = mix(new SplittableRandom(7), 20_000);
    try (EvaluatorHarness harness = RuleEvaluatorTest.newHarness("events", RuleEvaluatorTest.RULES)) {
      harness.open();
      int routed = feed(harness, RuleEvaluatorTest.RULES, mix, false);
      assertThat(harness.evaluator().factsIntoEngines()).as("of %d routed facts", routed).isPositive()
          .isLessThan(routed / 4);
    }
  }

  /** Alert id to rule, count and event ids of the alert's last version. */
  private static Map<String, String> alerts(List<RuleDefinition> rules, List<SecurityEvent> mix) throws Exception {
    try (EvaluatorHarness harness = RuleEvaluatorTest.newHarness("events", rules)) {
      harness.open();
      feed(harness, rules, mix, true);
      Map<String, String> last = new TreeMap<>();
      for (Alert a : harness.extractOutputValues()) {
        last.put(a.id(), a.rule().id() + " " + a.alert().count() + " " + a.alert().eventIds());
      }
      return last;
    }
  }

  /**
   * Routes every fact as the job's router does and advances the watermark every 200 facts (500 ms behind);
   * returns the number of routed facts.
   */
  private static int feed(EvaluatorHarness harness, List<RuleDefinition> rules, List<SecurityEvent> mix,
      boolean toTheEnd) throws Exception {
    int routed = 0;
    Map<KeySpace, List<FactFilter>> routes = KeySpace.routes(rules, RuleMetadata.INPUT_EVENTS);
    long newest = Long.MIN_VALUE;
    int n = 0;
    for (SecurityEvent fact : mix) {
      for (Map.Entry<KeySpace, List<FactFilter>> route : routes.entrySet()) {
        String key = KeySpace.accepts(route.getValue(), fact) ? route.getKey().keyOf(fact) : null;
        if (key != null) {
          harness.processElement(new RoutedFact(route.getKey().id(), key, fact), fact.getTimestamp());
          routed++;
        }
      }
      newest = Math.max(newest, fact.getTimestamp());
      if (++n % 200 == 0) {
        harness.watermark(newest - 500);
      }
    }
    if (toTheEnd) {
      harness.watermark(newest + 3_600_000L);
    }
    return routed;
  }

  /** 40 facts a second of event time: mostly background, with the attacks the rules look for mixed in. */
  private static List<SecurityEvent> mix(SplittableRandom random, int size) {
    List<SecurityEvent> out = new ArrayList<>(size);
    long t = 0;
    int id = 0;
    while (out.size() < size) {
      t += 25;
      String org = AGENCIES[random.nextInt(AGENCIES.length)];
      long at = t - random.nextInt(300); // a little out of order
      int roll = random.nextInt(1000);
      if (roll < 8) {
        // A brute-force burst: 3 to 9 failures a second apart, then a success half the time.
        String src = "198.18." + random.nextInt(256) + "." + random.nextInt(256);
        int failures = 3 + random.nextInt(7);
        for (int i = 0; i < failures; i++) {
          out.add(fact(TestEvents.sshLogin("b" + id++, at + i * 1000L, org, src, "failure")));
        }
        if (random.nextBoolean()) {
          out.add(fact(TestEvents.sshLogin("b" + id++, at + failures * 1000L, org, src, "success")));
        }
      } else if (roll < 12) {
        // A scanner: one port over 10 to 40 hosts, or 10 to 40 ports of one host, 50 ms apart.
        String src = "203.0.113." + random.nextInt(256);
        int probes = 10 + random.nextInt(31);
        boolean horizontal = random.nextBoolean();
        int host = random.nextInt(200);
        for (int i = 0; i < probes; i++) {
          String dst = "10.20." + (horizontal ? (host + i) % 250 : host % 250) + ".1";
          out.add(fact(TestEvents.flow("s" + id++, at + i * 50L, org, src, dst, horizontal ? 445 : 1000 + i)));
        }
      } else if (roll < 300) {
        String src = "10.30." + random.nextInt(20) + "." + random.nextInt(250);
        out.add(fact(TestEvents.sshLogin("l" + id++, at, org, src, random.nextInt(4) == 0 ? "failure" : "success")));
      } else {
        String src = "10.40." + random.nextInt(40) + "." + random.nextInt(250);
        String dst = "10.50." + random.nextInt(5) + "." + random.nextInt(100);
        out.add(fact(TestEvents.flow("f" + id++, at, org, src, dst, new int[] {443, 80, 53, 22}[random.nextInt(4)])));
      }
    }
    return out.subList(0, size);
  }

  private static SecurityEvent fact(org.soc.schema.Event e) {
    return SecurityEventMapper.toFact(e);
  }

  private static RuleDefinition ungated(RuleDefinition d) {
    RuleMetadata m = d.metadata();
    return new RuleDefinition(new RuleMetadata(m.id(), m.name(), m.description(), m.severity(), m.riskScore(),
        m.category(), m.threat(), m.keyFields(), m.window(), m.threshold(), m.suppression(), m.maxEventIds(),
        m.input(), m.match(), 1), d.drl(), d.origin());
  }
}
