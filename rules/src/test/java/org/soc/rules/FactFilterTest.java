package org.soc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.soc.rules.Facts.failure;
import static org.soc.rules.Facts.flow;
import static org.soc.rules.Facts.labelled;
import static org.soc.rules.Facts.sshLogin;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code correlation.match}: which facts a rule can use, and how long a rule set keeps each. */
class FactFilterTest {

  @Test
  void everyEntryMustHoldAndAnyListedValueIsAccepted() {
    FactFilter logins = new FactFilter(Map.of("event.category", List.of("authentication"),
        "event.outcome", List.of("failure", "success")));
    assertThat(logins.test(failure("f", 0, "203.0.113.7"))).isTrue();
    assertThat(logins.test(sshLogin("s", 0, "health", "203.0.113.7", "success"))).isTrue();
    assertThat(logins.test(sshLogin("u", 0, "health", "203.0.113.7", "unknown"))).isFalse();
    assertThat(logins.test(flow("n", 0, "health", "203.0.113.7", "10.0.0.1", 22))).isFalse();
  }

  @Test
  void listFieldsMatchByContainmentAndLabelsByName() {
    FactFilter flows = new FactFilter(Map.of("event.type", List.of("connection")));
    assertThat(flows.test(flow("n", 0, "health", "203.0.113.7", "10.0.0.1", 22))).isTrue();
    FactFilter intel = new FactFilter(Map.of("labels.threat.indicator.matched", List.of("destination")));
    SecurityEvent matched = labelled(flow("n", 0, "health", "10.0.0.9", "198.51.100.66", 443),
        Map.of("threat.indicator.matched", "destination"));
    assertThat(intel.test(matched)).isTrue();
    assertThat(intel.test(flow("n", 0, "health", "10.0.0.9", "198.51.100.66", 443))).isFalse();
  }

  @Test
  void anAbsentFieldNeverMatchesAndNoConditionsMatchEverything() {
    SecurityEvent noSource = failure("f", 0, "203.0.113.7");
    noSource.setSourceIp(null);
    assertThat(new FactFilter(Map.of("source.ip", List.of("203.0.113.7"))).test(noSource)).isFalse();
    assertThat(FactFilter.ALL.test(noSource)).isTrue();
  }

  @Test
  void unknownFieldsAndEmptyValueListsAreRejected() {
    assertThatThrownBy(() -> new FactFilter(Map.of("event.severity", List.of("3"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event.severity");
    assertThatThrownBy(() -> new FactFilter(Map.of("event.outcome", List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event.outcome");
  }

  @Test
  void metadataReadsOneValueOrAListAndNamesTheFileOnError() {
    RuleLoader loader = new RuleLoader();
    RuleMetadata m = loader.parseMetadata(in("""
        id: x
        name: X
        severity: low
        correlation:
          key: [source.ip]
          window: 60s
          suppression: 10m
          match:
            event.category: authentication
            event.outcome: [failure, success]
        """), "x.yml");
    assertThat(m.match().conditions()).containsExactly(
        Map.entry("event.category", List.of("authentication")),
        Map.entry("event.outcome", List.of("failure", "success")));
    assertThatThrownBy(() -> loader.parseMetadata(in("""
        id: x
        name: X
        severity: low
        correlation: {key: [source.ip], window: 60s, suppression: 10m, match: {event.outcome: {a: b}}}
        """), "y.yml")).isInstanceOf(InvalidRuleMetadataException.class).hasMessageContaining("y.yml")
        .hasMessageContaining("event.outcome");
  }

  @Test
  void aRuleSetKeepsEachFactForTheLongestWindowOfTheRulesThatCanUseIt() {
    RuleSet builtIn = RuleSet.builtIn();
    assertThat(builtIn.retentionMillis(failure("f", 0, "203.0.113.7"))).isEqualTo(10 * 60_000L);
    assertThat(builtIn.retentionMillis(sshLogin("s", 0, "health", "203.0.113.7", "success"))).isEqualTo(10 * 60_000L);
    assertThat(builtIn.retentionMillis(flow("n", 0, "health", "10.0.0.9", "10.0.0.1", 22))).isEqualTo(60_000L);
    SecurityEvent cron = failure("c", 0, "203.0.113.7");
    cron.setCategories(List.of("process"));
    assertThat(builtIn.retentionMillis(cron)).isZero();
  }

  private static ByteArrayInputStream in(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
