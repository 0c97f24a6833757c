package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.soc.rules.SecurityEvent;
import org.soc.rules.SecurityEventMapper;

class RetainedFactsTest {
  private static final String SPACE = "events:organization.id,source.ip";
  private final RetainedFacts facts = new RetainedFacts();
  private final List<String> intoEngine = new ArrayList<>();

  private void admit(String id, long at, String key, long retention, int minFacts) {
    SecurityEvent fact = SecurityEventMapper.toFact(TestEvents.flow(id, 0, "health", "203.0.113.7", "10.0.0.1", 22));
    fact.setTimestamp(at);
    facts.admit(new RoutedFact(SPACE, key, fact), retention, minFacts, f -> intoEngine.add(f.fact().getEventId()));
  }

  private List<String> retainedIds() {
    List<String> ids = new ArrayList<>();
    facts.forEach(f -> ids.add(f.fact().getEventId()));
    return ids;
  }

  @Test
  void eachFactExpiresAfterItsOwnRetentionWhateverItsNeighbours() {
    admit("login", 1_000, "k1", 600_000, 1); // a failed login: 10 minutes
    admit("flow", 2_000, "k2", 60_000, 1); // a flow: 1 minute
    admit("late", 500, "k2", 60_000, 1); // behind the flow: out of order
    facts.expireBefore(60_501);
    assertThat(retainedIds()).containsExactlyInAnyOrder("login", "flow");
    facts.expireBefore(62_001);
    assertThat(retainedIds()).containsExactly("login");
    assertThat(facts.keys()).as("k2 has no fact left").isEqualTo(1);
    facts.expireBefore(601_001);
    assertThat(facts.size()).isZero();
    assertThat(facts.keys()).isZero();
  }

  @Test
  void aThinKeysFactsWaitOutsideTheEngineUntilTheKeyHasEnoughThenGoInOldestFirst() {
    admit("a", 1_000, "k", 60_000, 3);
    admit("b", 2_000, "k", 60_000, 3);
    assertThat(intoEngine).isEmpty();
    assertThat(facts.held()).isEqualTo(2);
    admit("c", 3_000, "k", 60_000, 3);
    assertThat(intoEngine).containsExactly("a", "b", "c");
    assertThat(facts.held()).isZero();
    admit("d", 4_000, "k", 60_000, 3);
    assertThat(intoEngine).as("the key is open now").endsWith("d");
  }

  @Test
  void aHeldFactThatExpiresIsForgottenAndNoLongerCounts() {
    admit("a", 1_000, "k", 60_000, 2);
    facts.expireBefore(61_001);
    assertThat(facts.held()).isZero();
    assertThat(facts.size()).isZero();
    admit("b", 70_000, "k", 60_000, 2);
    assertThat(intoEngine).as("a left its window: b is alone").isEmpty();
    admit("c", 71_000, "k", 60_000, 2);
    assertThat(intoEngine).containsExactly("b", "c");
  }
}
