package org.soc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.rules.Facts.flow;
import static org.soc.rules.Facts.labelled;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pseudo-clock tests of {@code rules/threat-intel-traffic.drl}: traffic to an address the enricher matched. */
class ThreatIntelTrafficRuleTest {
  static final String RULE = "soc-threat-intel-traffic";
  private final RuleRun run = new RuleRun();

  @AfterEach
  void close() {
    run.close();
  }

  private static Map<String, String> matched(String side) {
    return Map.of("threat.indicator.matched", side, "threat.indicator.list", "abuse-c2",
        "threat.indicator.ip", "198.51.100.66");
  }

  @Test
  void eachEventToAListedDestinationFires() {
    List<RuleMatch> matches = run.run(RULE, List.of(
        labelled(flow("c1", 0, "health", "10.10.0.5", "198.51.100.66", 443), matched("destination")),
        labelled(flow("c2", 5_000, "health", "10.10.0.5", "198.51.100.66", 443), matched("destination"))));
    assertThat(matches).extracting(RuleMatch::triggerEventId).containsExactly("c1", "c2");
    assertThat(matches.get(0).key()).isEqualTo("health|198.51.100.66");
    assertThat(matches.get(0).entity("source.ip")).isEqualTo("10.10.0.5");
  }

  @Test
  void unlabelledTrafficOrAListedSourceDoesNotFire() {
    assertThat(run.run(RULE, List.of(
        flow("n1", 0, "health", "10.10.0.5", "198.51.100.66", 443),
        labelled(flow("n2", 1_000, "health", "198.51.100.66", "10.10.0.5", 22), matched("source")))))
        .isEmpty();
  }
}
