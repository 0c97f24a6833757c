package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.correlation.TestEvents.at;
import static org.soc.correlation.TestEvents.failureFact;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.soc.correlation.control.RuleSetStatus;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.correlation.control.RuleSetValidator;
import org.soc.rules.RuleDefinition;
import org.soc.rules.RuleLoader;
import org.soc.rules.RuleMetadata;
import org.soc.rules.SecurityEvent;
import org.soc.schema.Alert;

/** The keyed evaluator with Flink's keyed-broadcast operator harness: event time, watermarks, snapshot/restore. */
class RuleEvaluatorTest {
  static final List<RuleDefinition> RULES = new RuleLoader().builtIn();
  static final List<RuleDefinition> SSH_ONLY =
      RULES.stream().filter(r -> r.id().equals("soc-ssh-bruteforce")).toList();
  private static final KeySpace SSH_SPACE = new KeySpace("events", List.of("organization.id", "source.ip"));

  private EvaluatorHarness harness;

  static EvaluatorHarness newHarness(String input, List<RuleDefinition> rules) throws Exception {
    return new EvaluatorHarness(input, rules);
  }

  private static EvaluatorHarness newHarness() throws Exception {
    return newHarness("events", RULES);
  }

  @AfterEach
  void close() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private void send(SecurityEvent e) throws Exception {
    send(SSH_SPACE, e);
  }

  private void send(KeySpace space, SecurityEvent e) throws Exception {
    harness.processElement(new RoutedFact(space.id(), space.keyOf(e), e), e.getTimestamp());
  }

  @Test
  void fiveFailuresFireOnceTheWatermarkPassesThem() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i = 1; i <= 5; i++) {
      send(failureFact("e" + i, i * 5L, "203.0.113.7"));
    }
    assertThat(harness.extractOutputValues()).as("nothing before the watermark").isEmpty();

    harness.watermark(at(25));

    assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
      assertThat(a.rule().id()).isEqualTo("soc-ssh-bruteforce");
      assertThat(a.alert().count()).isEqualTo(5);
      assertThat(a.alert().key()).isEqualTo("health|203.0.113.7");
      assertThat(a.organization().name()).isEqualTo("Ministry of health");
      assertThat(a.alert().eventIds()).containsExactly("e1", "e2", "e3", "e4", "e5");
    });
  }

  @Test
  void factsOfAKeyWithFewerThanItsRulesNeedWaitOutsideTheEngineUntilItHasEnough() throws Exception {
    // Failed logins serve the brute force (min_facts 5) and the sequence (6): four wait, the fifth lets all in.
    harness = newHarness();
    harness.open();
    for (int i = 1; i <= 4; i++) {
      send(failureFact("e" + i, i * 5L, "203.0.113.7"));
    }
    send(failureFact("other", 1, "198.51.100.9"));
    harness.watermark(at(20));
    assertThat(harness.evaluator().factsHeldOutsideTheEngine()).isEqualTo(5);
    assertThat(harness.extractOutputValues()).isEmpty();

    send(failureFact("e5", 25, "203.0.113.7"));
    harness.watermark(at(25));

    assertThat(harness.evaluator().factsHeldOutsideTheEngine()).as("only the other source's one").isEqualTo(1);
    assertThat(harness.extractOutputValues()).singleElement()
        .satisfies(a -> assertThat(a.alert().eventIds()).containsExactly("e1", "e2", "e3", "e4", "e5"));
  }

  @Test
  void watermarkOnlyReleasesEventsItHasPassed() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i = 1; i <= 5; i++) {
      send(failureFact("e" + i, i * 5L, "203.0.113.7"));
    }
    harness.watermark(at(24));
    assertThat(harness.extractOutputValues()).isEmpty();
    harness.watermark(at(25));
    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void fourFailuresDoNotFireAndTheQuietKeyIsCleanedUp() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i = 1; i <= 4; i++) {
      send(failureFact("e" + i, i * 5L, "203.0.113.7"));
    }
    harness.watermark(at(3600));
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.evaluator().heldItems()).as("quiet key cleaned up: no fact or alert left").isZero();
  }

  @Test
  void outOfOrderArrivalIsEvaluatedInEventTimeOrder() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i : new int[] {5, 3, 1, 4, 2}) {
      send(failureFact("e" + i, i, "203.0.113.7"));
    }
    harness.watermark(at(10));
    assertThat(harness.extractOutputValues()).singleElement()
        .satisfies(a -> assertThat(a.alert().eventIds()).containsExactly("e1", "e2", "e3", "e4", "e5"));
  }

  @Test
  void repeatedFiringsUpdateOneAlert() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i = 1; i <= 6; i++) {
      send(failureFact("e" + i, i, "203.0.113.7"));
      harness.watermark(at(i));
    }
    List<Alert> alerts = harness.extractOutputValues();
    assertThat(alerts).extracting(Alert::id).hasSize(2).containsOnly(alerts.get(0).id());
    assertThat(alerts).extracting(a -> a.alert().count()).containsExactly(5L, 6L);
  }

  @Test
  void restoredEvaluatorKeepsCountingAcrossTheRestore() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i = 1; i <= 3; i++) {
      send(failureFact("e" + i, i, "203.0.113.7"));
    }
    harness.watermark(at(3));
    send(failureFact("e4", 4, "203.0.113.7")); // still pending when the snapshot is taken
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    send(failureFact("e5", 5, "203.0.113.7"));
    harness.watermark(at(5));

    assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
      assertThat(a.alert().count()).isEqualTo(5);
      assertThat(a.alert().eventIds()).containsExactly("e1", "e2", "e3", "e4", "e5");
    });
  }

  @Test
  void openAlertSurvivesRestoreSoFurtherFiringsUpdateIt() throws Exception {
    harness = newHarness();
    harness.open();
    for (int i = 1; i <= 5; i++) {
      send(failureFact("e" + i, i, "203.0.113.7"));
    }
    harness.watermark(at(5));
    String id = harness.extractOutputValues().get(0).id();
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    send(failureFact("e6", 6, "203.0.113.7"));
    harness.watermark(at(6));

    assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo(id);
      assertThat(a.alert().count()).isEqualTo(6);
    });
  }

  @Test
  void otherSourcesDoNotFire() throws Exception {
    harness = newHarness();
    harness.open();
    String[] sources = {"203.0.113.7", "203.0.113.8", "203.0.113.9"};
    for (int i = 1; i <= 12; i++) {
      send(failureFact("e" + i, i, sources[i % 3]));
    }
    harness.watermark(at(60));
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  /** The rule set with the SSH threshold lowered from 5 to 3 (same id), as an operator would publish it. */
  static RuleSetUpdate threeFailuresRuleSet(String version) {
    RuleDefinition ssh = SSH_ONLY.get(0);
    return RuleSetUpdate.of(version, Map.of(
        "ssh-brute-force.drl", requireReplace(ssh.drl(), "$window.count >= 5", "$window.count >= 3"),
        "ssh-brute-force.yml", """
            id: soc-ssh-bruteforce
            name: "SSH brute force (3)"
            severity: high
            risk_score: 73
            threat: {technique: {id: T1110, name: Brute Force}, tactic: {id: TA0006, name: Credential Access}}
            correlation: {key: [organization.id, source.ip], window: 60s, threshold: 3, suppression: 10m}
            """));
  }

  /** {@code text} with {@code from} replaced; fails when the shipped DRL no longer contains it. */
  static String requireReplace(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new IllegalStateException("the DRL no longer contains '" + from + "':\n" + text);
    }
    return text.replace(from, to);
  }

  @Test
  void publishedRuleSetSwapsAtItsEffectiveEventTimeAndSurvivesRestore() throws Exception {
    harness = newHarness("events", SSH_ONLY);
    harness.open();
    // Old rules (5 failures) until T0+100 s, new rules (3 failures) from then on.
    harness.processBroadcastElement(threeFailuresRuleSet("v2").effectiveFrom(at(100)), Long.MIN_VALUE);
    assertThat(harness.getSideOutput(RuleSetValidator.STATUS)).extracting(r -> r.getValue().state())
        .containsExactly(RuleSetStatus.RECEIVED);
    for (int i = 1; i <= 3; i++) {
      send(failureFact("old" + i, i, "203.0.113.7"));
    }
    harness.watermark(at(10));
    assertThat(harness.extractOutputValues()).as("3 failures under the old rules").isEmpty();

    for (int i = 1; i <= 3; i++) {
      send(failureFact("new" + i, 200 + i, "198.51.100.4"));
    }
    harness.watermark(at(210));
    assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
      assertThat(a.rule().name()).isEqualTo("SSH brute force (3)");
      assertThat(a.alert().eventIds()).containsExactly("new1", "new2", "new3");
    });
    assertThat(harness.getSideOutput(RuleSetValidator.STATUS)).extracting(r -> r.getValue().state())
        .containsExactly(RuleSetStatus.RECEIVED, RuleSetStatus.ACTIVE);

    // The published set is broadcast state: a restored subtask runs it, not the rules of the job graph.
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();
    harness = newHarness("events", SSH_ONLY);
    harness.initializeState(snapshot);
    harness.open();
    for (int i = 1; i <= 3; i++) {
      send(failureFact("after" + i, 300 + i, "192.0.2.99"));
    }
    harness.watermark(at(310));
    assertThat(harness.extractOutputValues()).singleElement()
        .satisfies(a -> assertThat(a.rule().name()).isEqualTo("SSH brute force (3)"));
  }

  @Test
  void alertsOfThreeAgenciesRaiseOneNationalAlert() throws Exception {
    harness = newHarness(RuleMetadata.INPUT_ALERTS, RULES);
    harness.open();
    KeySpace campaign = new KeySpace("alerts", List.of("source.ip"));
    String[] orgs = {"health", "finance", "interior", "health"};
    for (int i = 0; i < orgs.length; i++) {
      Alert agencyAlert = TestEvents.agencyAlert("a-" + orgs[i], orgs[i], "203.0.113.7");
      send(campaign, AlertFacts.toFact(agencyAlert, at(60L * i)));
    }
    harness.watermark(at(600));
    Map<String, List<Alert>> byId = harness.extractOutputValues().stream()
        .collect(Collectors.groupingBy(Alert::id));
    assertThat(byId).hasSize(1);
    Alert national = byId.values().iterator().next().get(0);
    assertThat(national.organization().id()).isEqualTo(Alert.NATIONAL);
    assertThat(national.alert().agencies()).containsExactly("finance", "health", "interior");
    assertThat(national.source().ip()).isEqualTo("203.0.113.7");
    assertThat(national.rule().id()).isEqualTo("soc-cross-agency-campaign");
  }

  @Test
  void aBusyKeyRetainsOnlyItsWindowAndStillFiresAfterARestore() throws Exception {
    // SSH rules only: retention 60 s, pruned in batches of 6 s. One failure every 20 s for 30 minutes: never 5 within
    // 60 s, so no alert, and the key never goes quiet.
    harness = newHarness("events", SSH_ONLY);
    harness.open();
    for (int i = 0; i < 90; i++) {
      send(failureFact("slow-" + i, i * 20L, "203.0.113.7"));
      harness.watermark(at(i * 20L));
    }
    assertThat(harness.extractOutputValues()).isEmpty();
    String key = new RoutedFact(SSH_SPACE.id(), "health|203.0.113.7", failureFact("x", 0, "203.0.113.7"))
        .routingKey();
    assertThat(retained(key)).as("facts retained at 29:40, window 60 s + 6 s of slack")
        .allSatisfy(id -> assertThat(Integer.parseInt(id.substring(5))).isGreaterThanOrEqualTo(86));

    OperatorSubtaskState snapshot = harness.snapshot(1, at(1800));
    harness.close();
    harness = newHarness("events", SSH_ONLY);
    harness.initializeState(snapshot);
    harness.open();
    // Restored facts at 1740, 1760 and 1780 s, and three more at 1785, 1790, 1795 s: five within 60 s at 1790 s.
    for (int i = 0; i < 3; i++) {
      send(failureFact("fast-" + i, 1785L + i * 5, "203.0.113.7"));
    }
    harness.watermark(at(1800));
    List<Alert> alerts = harness.extractOutputValues();
    assertThat(alerts).extracting(Alert::id).containsOnly(alerts.get(0).id());
    assertThat(alerts.get(alerts.size() - 1).alert().eventIds())
        .containsExactly("slow-87", "slow-88", "slow-89", "fast-0", "fast-1", "fast-2");
  }

  @Test
  void eachFactIsRetainedForTheLongestWindowOfTheRulesThatCanUseIt() throws Exception {
    // One source key space, all shipped rules: a failed login serves the 10-minute brute-force sequence, a flow
    // only the one-minute scans. A flow every 10 s for 5 minutes, one failed login at the start.
    harness = newHarness();
    harness.open();
    send(failureFact("login", 0, "203.0.113.7"));
    for (int i = 0; i <= 30; i++) {
      send(org.soc.rules.SecurityEventMapper.toFact(
          TestEvents.flow("flow-" + i, i * 10_000L, "health", "203.0.113.7", "10.10.0." + (i + 1), 443)));
      harness.watermark(at(i * 10L));
    }
    String key = new RoutedFact(SSH_SPACE.id(), "health|203.0.113.7", failureFact("x", 0, "203.0.113.7"))
        .routingKey();
    assertThat(retained(key)).as("at 5:00: the login, and the flows of the last minute")
        .contains("login", "flow-30", "flow-24")
        .allSatisfy(id -> assertThat(id.equals("login") || Integer.parseInt(id.substring(5)) >= 23).isTrue());
    harness.watermark(at(11 * 60L));
    assertThat(retained(key)).as("at 11:00 the login left the sequence's 10 minutes").isEmpty();
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  /** Event ids of the facts the evaluator retains for {@code routingKey}. */
  private List<String> retained(String routingKey) {
    return harness.evaluator().retainedEventIds(routingKey);
  }

  @Test
  void validatorRejectsARuleSetThatDoesNotCompileWithTheCompilerMessages() throws Exception {
    var validator = org.apache.flink.streaming.util.ProcessFunctionTestHarnesses
        .forProcessFunction(new RuleSetValidator());
    RuleSetUpdate broken = RuleSetUpdate.of("broken", Map.of(
        "x.drl", "package x\nimport org.soc.rules.SecurityEvent\nrule \"x\"\nwhen\n  SecurityEvent( nope == 1 )\nthen\nend\n",
        "x.yml", "id: x\nname: X\nseverity: low\ncorrelation: {key: [source.ip], window: 1m, threshold: 1, suppression: 5m}\n"));
    validator.processElement(new StreamRecord<>(broken, 0L));
    validator.processElement(new StreamRecord<>(threeFailuresRuleSet("good"), 0L));

    assertThat(validator.extractOutputValues()).extracting(RuleSetUpdate::version).containsExactly("good");
    List<RuleSetStatus> statuses = validator.getSideOutput(RuleSetValidator.STATUS).stream()
        .map(StreamRecord::getValue).toList();
    assertThat(statuses).extracting(RuleSetStatus::state)
        .containsExactly(RuleSetStatus.REJECTED, RuleSetStatus.ACCEPTED);
    assertThat(statuses.get(0).messages()).anySatisfy(m -> assertThat(m).contains("x.drl").contains("nope"));
    validator.close();
  }
}
