package org.soc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which labels a rule can read: what the job lets its facts keep. */
class RuleDefinitionTest {
  private static final String YML = """
      id: r
      name: r
      severity: low
      risk_score: 1
      correlation: {key: [source.ip], window: 60s, threshold: 1, suppression: 1m%s}
      """;

  private static RuleDefinition rule(String when, String match) {
    String drl = "package t\nimport org.soc.rules.SecurityEvent\n"
        + "rule \"r\" when\n  $e : SecurityEvent( " + when + " )\nthen end\n";
    return new RuleLoader().fromFiles(Map.of("r.drl", drl, "r.yml", YML.formatted(match)), "test").get(0);
  }

  @Test
  void theShippedRulesReadOnlyTheIntelMatchLabel() {
    assertThat(new RuleLoader().builtIn()).flatExtracting(RuleDefinition::labelsRead)
        .containsOnly("threat.indicator.matched");
  }

  @Test
  void labelsNamedInTheDrlAndInTheMatchFilterAreRead() {
    RuleDefinition r = rule("label( \"asset.criticality\" ) == \"critical\", label(\"zone\") != null",
        ", match: {labels.netflow.sampling_interval: [\"1\"]}");
    assertThat(r.labelsRead()).containsExactlyInAnyOrder("asset.criticality", "zone", "netflow.sampling_interval");
  }

  @Test
  void aRuleWithoutLabelsReadsNone() {
    assertThat(rule("sourceIp != null", "").labelsRead()).isEmpty();
  }

  @Test
  void anyOtherWayToReachLabelsMeansAllOfThem() {
    assertThat(rule("labels[\"zone\"] == \"dmz\"", "").labelsRead()).as("the map").isNull();
    assertThat(rule("getLabels().size() > 2", "").labelsRead()).as("the getter").isNull();
    assertThat(rule("label( sourceIp ) != null", "").labelsRead()).as("a name not known until run time").isNull();
  }
}
