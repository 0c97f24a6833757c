package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.soc.correlation.control.ControlUpdate;
import org.soc.correlation.enrich.IntelUpdate;
import org.soc.rules.RuleLoader;
import org.soc.schema.Event;

/**
 * Enrichment and routing in one operator, with Flink's broadcast harness: intel lists from files at start and
 * updates through broadcast state; enriched events out, their facts routed to key spaces on the side output.
 */
class EnrichAndRouteTest {
  private static final String DIR = "src/test/resources/enrichment/";

  private static BroadcastOperatorTestHarness<RawEvent, ControlUpdate, Event> harness(EnrichAndRoute function)
      throws Exception {
    BroadcastOperatorTestHarness<RawEvent, ControlUpdate, Event> harness = new BroadcastOperatorTestHarness<>(
        new CoBroadcastWithNonKeyedOperator<>(function, EnrichAndRoute.CONTROL_STATE), 1, 1, 0);
    harness.open();
    return harness;
  }

  @Test
  void intelUpdatesReplaceListsWhileRunningAndAssetsAndAgenciesBecomeLabels() throws Exception {
    BroadcastOperatorTestHarness<RawEvent, ControlUpdate, Event> harness = harness(new EnrichAndRoute(
        DIR + "agencies.yml", DIR + "assets.yml", List.of(new IntelUpdate("abuse-c2", 0, "198.51.100.66\n")),
        List.of()));

    harness.processElement(record(TestEvents.flow("f1", 0, "health", "10.10.5.10", "198.51.100.66", 443)), 1L);
    harness.processElement(record(TestEvents.flow("f2", 0, "health", "10.10.5.11", "192.0.2.44", 443)), 2L);
    harness.processBroadcastElement(ControlUpdate.intel(new IntelUpdate("abuse-c2", 5, "# rotated\n192.0.2.0/24\n")), 3L);
    harness.processBroadcastElement(ControlUpdate.intel(new IntelUpdate("abuse-c2", 4, "198.51.100.66\n")), 4L); // older: ignored
    harness.processElement(record(TestEvents.flow("f3", 0, "health", "10.10.0.9", "198.51.100.66", 443)), 5L);
    harness.processElement(record(TestEvents.flow("f4", 0, "health", "10.10.0.9", "192.0.2.44", 443)), 6L);

    List<Event> out = harness.extractOutputValues();
    assertThat(out.get(0).labels()).containsEntry("threat.indicator.matched", "destination")
        .containsEntry("threat.indicator.list", "abuse-c2")
        .containsEntry("asset.criticality", "critical").containsEntry("asset.ip", "10.10.5.10")
        .containsEntry("source.organization.id", "health");
    assertThat(out.get(1).labels()).doesNotContainKey("threat.indicator.matched")
        .containsEntry("asset.criticality", "high");
    assertThat(out.get(2).labels()).as("removed by the update").doesNotContainKey("threat.indicator.matched")
        .containsEntry("asset.criticality", "low");
    assertThat(out.get(3).labels()).containsEntry("threat.indicator.ip", "192.0.2.44");
    harness.close();
  }

  @Test
  void theEnrichedFactIsRoutedToTheKeySpacesOfTheRulesInEffect() throws Exception {
    BroadcastOperatorTestHarness<RawEvent, ControlUpdate, Event> harness = harness(new EnrichAndRoute(
        DIR + "agencies.yml", DIR + "assets.yml", List.of(new IntelUpdate("abuse-c2", 0, "198.51.100.66\n")),
        new RuleLoader().builtIn()));

    harness.processElement(record(TestEvents.flow("f1", 0, "health", "10.10.5.10", "198.51.100.66", 443)), 1L);
    assertThat(harness.extractOutputValues()).as("every event is indexed").hasSize(1);
    List<RoutedFact> routed = routed(harness);
    assertThat(routed).extracting(RoutedFact::space).as("scans, and intel traffic for a listed destination")
        .containsExactlyInAnyOrder("events:organization.id,source.ip",
            "events:organization.id,source.ip,destination.ip", "events:organization.id,destination.ip");
    assertThat(routed.get(0).fact().getLabels()).as("routed after enrichment, with only the labels rules read")
        .containsExactly(java.util.Map.entry("threat.indicator.matched", "destination"));
    assertThat(harness.extractOutputValues().get(0).labels()).as("the indexed event keeps every label")
        .containsKeys("asset.criticality", "threat.indicator.list", "source.organization.id");

    // A published rule set with only an SSH rule (no match filter): while the evaluators swap, both sets route.
    harness.processBroadcastElement(ControlUpdate.ruleSet(RuleEvaluatorTest.threeFailuresRuleSet("v2")), 2L);
    harness.getSideOutput(EnrichAndRoute.ROUTED_FACTS).clear();
    harness.processElement(record(TestEvents.flow("f2", 0, "health", "10.10.5.11", "192.0.2.44", 443)), 3L);
    assertThat(routed(harness)).extracting(RoutedFact::space).containsExactlyInAnyOrder(
        "events:organization.id,source.ip", "events:organization.id,source.ip,destination.ip");
    harness.processBroadcastElement(ControlUpdate.ruleSet(RuleEvaluatorTest.threeFailuresRuleSet("v3")), 4L);
    harness.getSideOutput(EnrichAndRoute.ROUTED_FACTS).clear();
    harness.processElement(record(TestEvents.flow("f3", 0, "health", "10.10.5.12", "192.0.2.44", 443)), 5L);
    assertThat(routed(harness)).extracting(RoutedFact::space).as("no destination-keyed rule is left")
        .containsExactly("events:organization.id,source.ip");
    harness.close();
  }

  /** The Kafka record the collectors would have published for {@code event}. */
  private static RawEvent record(Event event) {
    return RawEvent.of(new org.soc.schema.EventJson().toBytes(event), 0, 0);
  }

  private static List<RoutedFact> routed(BroadcastOperatorTestHarness<RawEvent, ControlUpdate, Event> harness) {
    return harness.getSideOutput(EnrichAndRoute.ROUTED_FACTS).stream()
        .map(r -> ((StreamRecord<RoutedFact>) r).getValue()).toList();
  }
}
