package org.soc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.rules.Facts.alertFact;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pseudo-clock tests of {@code rules/cross-agency-campaign.drl}: alerts in 3+ agencies from one source in 30 min. */
class CrossAgencyCampaignRuleTest {
  static final String RULE = "soc-cross-agency-campaign";
  private static final String SRC = "203.0.113.7";
  private final RuleRun run = new RuleRun();

  @AfterEach
  void close() {
    run.close();
  }

  @Test
  void alertsInThreeAgenciesWithinThirtyMinutesFireWithTheAgencies() {
    List<RuleMatch> matches = run.run(RULE, List.of(
        alertFact("a-health", 0, "health", SRC, "soc-ssh-bruteforce"),
        alertFact("a-health", 60_000, "health", SRC, "soc-ssh-bruteforce"), // an update of the same alert
        alertFact("a-finance", 10 * 60_000, "finance", SRC, "soc-portscan-horizontal"),
        alertFact("a-interior", 25 * 60_000, "interior", SRC, "soc-ssh-bruteforce")));
    assertThat(matches).singleElement().satisfies(m -> {
      assertThat(m.key()).isEqualTo(SRC);
      assertThat(m.agencies()).containsExactly("finance", "health", "interior");
      assertThat(m.eventIds()).containsExactlyInAnyOrder("a-health", "a-finance", "a-interior");
      assertThat(m.count()).isEqualTo(3);
      assertThat(RuleSet.builtIn().metadata(RULE).isNational()).isTrue();
    });
  }

  @Test
  void twoAgenciesOrThreeSpreadOverMoreThanThirtyMinutesDoNotFire() {
    assertThat(run.run(RULE, List.of(
        alertFact("a1", 0, "health", SRC, "r"), alertFact("a2", 60_000, "finance", SRC, "r"),
        alertFact("a3", 120_000, "finance", SRC, "r"), alertFact("a4", 180_000, "health", SRC, "r")))).isEmpty();
    assertThat(run.run(RULE, List.of(
        alertFact("b1", 0, "health", "198.51.100.1", "r"),
        alertFact("b2", 20 * 60_000, "finance", "198.51.100.1", "r"),
        alertFact("b3", 31 * 60_000, "interior", "198.51.100.1", "r")))).isEmpty();
  }

  @Test
  void threeAgenciesButDifferentSourcesDoNotFire() {
    assertThat(run.run(RULE, List.of(
        alertFact("c1", 0, "health", "198.51.100.1", "r"), alertFact("c2", 1_000, "finance", "198.51.100.2", "r"),
        alertFact("c3", 2_000, "interior", "198.51.100.3", "r")))).isEmpty();
  }
}
