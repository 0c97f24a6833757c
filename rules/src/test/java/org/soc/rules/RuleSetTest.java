package org.soc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleSetTest {
  private static final RuleMetadata META = new RuleMetadata("test-rule", "Test", "d", Severity.LOW, 10, "test",
      new RuleMetadata.Threat("MITRE ATT&CK", null, null, null, null), List.of("source.ip"),
      Duration.ofSeconds(60), 1, Duration.ofMinutes(10), 100);

  @Test
  void brokenDrlThrowsWithTheCompilerMessagesAndOrigin() {
    String drl = """
        package test
        import org.soc.rules.SecurityEvent
        rule "test-rule"
        when
          $e : SecurityEvent( noSuchField == "x" )
        then
        end
        """;
    assertThatThrownBy(() -> RuleSet.compile(List.of(new RuleDefinition(META, drl, "broken.drl"))))
        .isInstanceOf(RuleCompilationException.class)
        .satisfies(e -> assertThat(((RuleCompilationException) e).messages())
            .isNotEmpty()
            .anySatisfy(m -> assertThat(m).startsWith("broken.drl").contains("noSuchField")));
  }

  @Test
  void syntaxErrorThrows() {
    String drl = "package test\nrule \"test-rule\" when then end end\n";
    assertThatThrownBy(() -> RuleSet.compile(List.of(new RuleDefinition(META, drl, "syntax.drl"))))
        .isInstanceOf(RuleCompilationException.class);
  }

  @Test
  void metadataIdWithoutDrlRuleThrows() {
    String drl = "package test\nrule \"another-name\"\nwhen\nthen\nend\n";
    assertThatThrownBy(() -> RuleSet.compile(List.of(new RuleDefinition(META, drl, "x.drl"))))
        .isInstanceOf(RuleCompilationException.class)
        .hasMessageContaining("test-rule");
  }

  @Test
  void ruleSetFromPublishedFilesPairsDrlWithMetadata() {
    String yml = "id: test-rule\nname: T\nseverity: low\ncorrelation: {key: [], window: 1m, threshold: 1, suppression: 5m}\n";
    List<RuleDefinition> rules = new RuleLoader().fromFiles(
        java.util.Map.of("t.drl", "package t\nrule \"test-rule\"\nwhen\nthen\nend\n", "t.yml", yml), "soc.rules@3");
    assertThat(rules).singleElement().satisfies(r -> {
      assertThat(r.origin()).isEqualTo("soc.rules@3/t.drl");
      assertThat(r.metadata().keyFields()).as("global key space").isEmpty();
    });
    assertThatThrownBy(() -> new RuleLoader().fromFiles(java.util.Map.of("t.drl", "x"), "soc.rules@4"))
        .hasMessageContaining("t.yml");
  }

  @Test
  void duplicateIdsThrow() {
    String drl = "package test\nrule \"test-rule\"\nwhen\nthen\nend\n";
    RuleDefinition d = new RuleDefinition(META, drl, "x.drl");
    assertThatThrownBy(() -> RuleSet.compile(List.of(d, d)))
        .isInstanceOf(RuleCompilationException.class)
        .hasMessageContaining("duplicate");
  }

  @Test
  void builtInRulesCompileAndEachHasAPseudoClockTest() {
    RuleSet rules = RuleSet.builtIn();
    // Extend when a rule is added: every rule ships with a pseudo-clock test (fires / does not fire).
    Set<String> tested = Set.of(SshBruteForceRuleTest.RULE, BruteForceThenSuccessRuleTest.RULE,
        PortScanRulesTest.HORIZONTAL, PortScanRulesTest.VERTICAL, ThreatIntelTrafficRuleTest.RULE,
        CrossAgencyCampaignRuleTest.RULE);
    assertThat(rules.metadataById().keySet()).containsExactlyInAnyOrderElementsOf(tested);
    assertThat(rules.longestWindow()).isEqualTo(Duration.ofMinutes(30));
    assertThat(rules.metadataById().values()).allSatisfy(m -> {
      assertThat(m.threat().techniqueId()).isNotNull();
      assertThat(m.threat().tacticId()).isNotNull();
    });
  }
}
