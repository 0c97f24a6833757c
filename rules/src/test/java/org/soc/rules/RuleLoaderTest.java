package org.soc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {
  private final RuleLoader loader = new RuleLoader();

  @Test
  void builtInSshBruteForceMetadata() {
    RuleDefinition rule = loader.builtIn().get(0);
    RuleMetadata m = rule.metadata();
    assertThat(m.id()).isEqualTo("soc-ssh-bruteforce");
    assertThat(m.severity()).isEqualTo(Severity.HIGH);
    assertThat(m.riskScore()).isEqualTo(73);
    assertThat(m.threat().techniqueId()).isEqualTo("T1110");
    assertThat(m.threat().tacticId()).isEqualTo("TA0006");
    assertThat(m.keyFields()).containsExactly("organization.id", "source.ip");
    assertThat(m.window()).isEqualTo(Duration.ofSeconds(60));
    assertThat(m.threshold()).isEqualTo(5);
    assertThat(m.suppression()).isEqualTo(Duration.ofMinutes(10));
    assertThat(m.minFacts()).isEqualTo(5);
    assertThat(rule.origin()).isEqualTo("classpath:rules/ssh-brute-force.drl");
    assertThat(rule.drl()).contains("rule \"soc-ssh-bruteforce\"");
  }

  @Test
  void durations() {
    assertThat(RuleLoader.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(RuleLoader.parseDuration("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(RuleLoader.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(RuleLoader.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> RuleLoader.parseDuration("soon")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badSeverityNamesTheFile() {
    String yml = """
        id: x
        name: X
        severity: apocalyptic
        correlation: {key: [source.ip], window: 60s, threshold: 5, suppression: 10m}
        """;
    assertThatThrownBy(() -> loader.parseMetadata(in(yml), "x.yml"))
        .isInstanceOf(InvalidRuleMetadataException.class)
        .hasMessageContaining("x.yml")
        .hasMessageContaining("severity");
  }

  @Test
  void unknownKeyFieldAndUnknownPropertyAreRejected() {
    String badKey = """
        id: x
        name: X
        severity: low
        correlation: {key: [source.mac], window: 60s, threshold: 5, suppression: 10m}
        """;
    assertThatThrownBy(() -> loader.parseMetadata(in(badKey), "k.yml")).hasMessageContaining("source.mac");
    String typo = """
        id: x
        name: X
        severity: low
        serverity: high
        correlation: {key: [source.ip], window: 60s, threshold: 5, suppression: 10m}
        """;
    assertThatThrownBy(() -> loader.parseMetadata(in(typo), "t.yml")).isInstanceOf(InvalidRuleMetadataException.class);
  }

  @Test
  void minFactsDefaultsToOneAndMayNotExceedTheThreshold() {
    String plain = """
        id: x
        name: X
        severity: low
        correlation: {key: [source.ip], window: 60s, threshold: 5, suppression: 10m}
        """;
    assertThat(loader.parseMetadata(in(plain), "x.yml").minFacts()).isEqualTo(1);
    String tooMany = """
        id: x
        name: X
        severity: low
        correlation: {key: [source.ip], window: 60s, threshold: 5, min_facts: 6, suppression: 10m}
        """;
    assertThatThrownBy(() -> loader.parseMetadata(in(tooMany), "m.yml")).isInstanceOf(InvalidRuleMetadataException.class)
        .hasMessageContaining("m.yml").hasMessageContaining("min_facts");
  }

  @Test
  void theSetAsksAFactForTheSmallestMinFactsOfTheRulesThatCanUseIt() {
    RuleSet shipped = RuleSet.builtIn();
    assertThat(shipped.minFacts(Facts.failure("f", 0, "203.0.113.7"))).as("brute force 5, sequence 6").isEqualTo(5);
    assertThat(shipped.minFacts(Facts.sshLogin("s", 0, "health", "203.0.113.7", "success"))).as("sequence")
        .isEqualTo(6);
    assertThat(shipped.minFacts(Facts.flow("n", 0, "health", "10.0.0.1", "10.0.0.2", 443))).as("the scans")
        .isEqualTo(20);
    SecurityEvent intel = Facts.labelled(Facts.flow("i", 0, "health", "10.0.0.1", "203.0.113.9", 443),
        java.util.Map.of("threat.indicator.matched", "destination"));
    assertThat(shipped.minFacts(intel)).as("one tagged flow fires the intel rule").isEqualTo(1);
  }

  @Test
  void directoryPairsDrlWithMetadata(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.drl"), "package a\nrule \"a\"\nwhen\nthen\nend\n");
    Files.writeString(dir.resolve("a.yml"),
        "id: a\nname: A\nseverity: low\ncorrelation: {key: [source.ip], window: 1m, threshold: 1, suppression: 5m}\n");
    List<RuleDefinition> rules = loader.fromDirectory(dir);
    assertThat(rules).extracting(RuleDefinition::id).containsExactly("a");
    assertThat(RuleSet.compile(rules).metadata("a").window()).isEqualTo(Duration.ofMinutes(1));

    Files.writeString(dir.resolve("b.drl"), "package b\n");
    assertThatThrownBy(() -> loader.fromDirectory(dir)).hasMessageContaining("b.yml");
  }

  private static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
