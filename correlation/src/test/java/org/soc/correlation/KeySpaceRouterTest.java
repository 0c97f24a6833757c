package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.correlation.TestEvents.failureFact;

import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.rules.RuleLoader;
import org.soc.rules.SecurityEvent;
import org.soc.rules.SecurityEventMapper;

/** Routing to key spaces: only where a rule of the space can use the fact ({@code correlation.match}). */
class KeySpaceRouterTest {
  private BroadcastOperatorTestHarness<SecurityEvent, RuleSetUpdate, RoutedFact> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new BroadcastOperatorTestHarness<>(new CoBroadcastWithNonKeyedOperator<>(
        new KeySpaceRouter("events", new RuleLoader().builtIn()), List.of(RuleEvaluator.RULE_SETS)), 1, 1, 0);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private List<String> spacesOf(SecurityEvent fact) throws Exception {
    harness.getOutput().clear();
    harness.processElement(fact, fact.getTimestamp());
    return harness.extractOutputValues().stream().map(RoutedFact::space).toList();
  }

  @Test
  void aFailedLoginGoesOnlyToTheSourceKeySpace() throws Exception {
    // Its destination is known, but no rule keyed on a destination (vertical scan, intel traffic) can use a login.
    assertThat(spacesOf(failureFact("f", 0, "203.0.113.7")))
        .containsExactly("events:organization.id,source.ip");
  }

  @Test
  void aFlowGoesToTheScanKeySpacesAndOnlyAListedOneToTheIntelKeySpace() throws Exception {
    SecurityEvent flow = SecurityEventMapper.toFact(
        TestEvents.flow("n", 0, "health", "203.0.113.7", "10.10.0.5", 445));
    assertThat(spacesOf(flow)).as("horizontal scan; vertical scan").containsExactlyInAnyOrder(
        "events:organization.id,source.ip", "events:organization.id,source.ip,destination.ip");

    flow.setLabels(Map.of("threat.indicator.matched", "destination"));
    assertThat(spacesOf(flow)).as("and intel traffic").containsExactlyInAnyOrder(
        "events:organization.id,source.ip", "events:organization.id,source.ip,destination.ip",
        "events:organization.id,destination.ip");
  }

  @Test
  void anEventNoRuleCanUseIsNotRoutedAtAll() throws Exception {
    SecurityEvent cron = failureFact("c", 0, "203.0.113.7");
    cron.setCategories(List.of("process"));
    cron.setAction("cron_job");
    cron.setOutcome(null);
    assertThat(spacesOf(cron)).isEmpty();
  }
}
