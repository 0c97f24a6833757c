package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.correlation.TestEvents.at;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.soc.rules.RuleMatch;
import org.soc.rules.RuleSet;
import org.soc.schema.Alert;

class AlertAssemblerTest {
  private static final RuleSet RULES = RuleSet.builtIn();
  private final AlertAssembler assembler = new AlertAssembler(RULES.metadataById());

  static RuleMatch match(long firstSecond, long lastSecond, String... ids) {
    List<RuleMatch.EventRef> refs = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      long t = ids.length == 1 ? at(firstSecond) : at(firstSecond) + (at(lastSecond) - at(firstSecond)) * i / (ids.length - 1);
      refs.add(new RuleMatch.EventRef(ids[i], t));
    }
    Map<String, String> key = new LinkedHashMap<>();
    key.put("organization.id", "health");
    key.put("source.ip", "203.0.113.7");
    return new RuleMatch("soc-ssh-bruteforce", "health|203.0.113.7", key, ids.length, at(firstSecond),
        at(lastSecond), refs, ids[ids.length - 1]);
  }

  @Test
  void newAlertCarriesRuleMetadataAndADeterministicId() {
    Alert alert = assembler.onMatch(null, match(0, 40, "e1", "e2", "e3", "e4", "e5"), "Ministry of health");

    assertThat(alert.id()).isEqualTo(AlertAssembler.alertId("soc-ssh-bruteforce", "health|203.0.113.7", at(0)))
        .hasSize(32);
    assertThat(alert.timestamp()).isEqualTo(Instant.ofEpochMilli(at(0)));
    assertThat(alert.alert().count()).isEqualTo(5);
    assertThat(alert.alert().firstSeen()).isEqualTo(Instant.ofEpochMilli(at(0)));
    assertThat(alert.alert().lastSeen()).isEqualTo(Instant.ofEpochMilli(at(40)));
    assertThat(alert.alert().eventIds()).containsExactly("e1", "e2", "e3", "e4", "e5");
    assertThat(alert.alert().status()).isEqualTo("open");
    assertThat(alert.alert().agencies()).containsExactly("health");
    assertThat(alert.rule().id()).isEqualTo("soc-ssh-bruteforce");
    assertThat(alert.rule().severity()).isEqualTo("high");
    assertThat(alert.rule().riskScore()).isEqualTo(73);
    assertThat(alert.threat().technique().id()).containsExactly("T1110");
    assertThat(alert.threat().tactic().id()).containsExactly("TA0006");
    assertThat(alert.organization().id()).isEqualTo("health");
    assertThat(alert.source().ip()).isEqualTo("203.0.113.7");
    assertThat(alert.event().kind()).isEqualTo("alert");
  }

  @Test
  void firingWithinSuppressionUpdatesTheSameAlert() {
    Alert first = assembler.onMatch(null, match(0, 4, "e1", "e2", "e3", "e4", "e5"), null);
    Alert second = assembler.onMatch(first, match(1, 5, "e2", "e3", "e4", "e5", "e6"), null);

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.timestamp()).isEqualTo(first.timestamp());
    assertThat(second.alert().count()).isEqualTo(6);
    assertThat(second.alert().lastSeen()).isEqualTo(Instant.ofEpochMilli(at(5)));
    assertThat(second.alert().eventIds()).containsExactly("e1", "e2", "e3", "e4", "e5", "e6");

    // A second burst five minutes later, still within the 10 minute suppression: all of it is new.
    Alert third = assembler.onMatch(second, match(300, 304, "f1", "f2", "f3", "f4", "f5"), null);
    assertThat(third.id()).isEqualTo(first.id());
    assertThat(third.alert().count()).isEqualTo(11);
  }

  @Test
  void firingAfterSuppressionOpensANewAlert() {
    Alert first = assembler.onMatch(null, match(0, 4, "e1", "e2", "e3", "e4", "e5"), null);
    Alert later = assembler.onMatch(first, match(700, 704, "g1", "g2", "g3", "g4", "g5"), null);

    assertThat(later.id()).isNotEqualTo(first.id());
    assertThat(later.alert().count()).isEqualTo(5);
    assertThat(assembler.stillOpen(first, at(599))).isTrue();
    assertThat(assembler.stillOpen(first, at(600))).isFalse();
  }
}
