package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.correlation.TestEvents.sshLogin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.soc.correlation.control.RuleSetStatus;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.rules.RuleDefinition;
import org.soc.rules.RuleLoader;
import org.soc.schema.Alert;
import org.soc.schema.Event;

/** The job with every shipped rule, enrichment, national alerts and hot reload, on a MiniCluster (parallelism 2). */
class CorrelationTopologyTest {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          .setConfiguration(Configuration.fromMap(Map.of("restart-strategy.type", "none")))
          .build());

  private static final Path ENRICHMENT = Path.of("src/test/resources/enrichment");
  private static final CorrelationConfig CONFIG = CorrelationConfig.of("unused:9092", "http://unused:9200")
      .withParallelism(2)
      .withCheckpointInterval(Duration.ofMillis(500))
      .withEnrichment(ENRICHMENT.resolve("agencies.yml").toString(), ENRICHMENT.resolve("assets.yml").toString(),
          List.of("abuse-c2=" + ENRICHMENT.resolve("abuse-c2.txt")));

  private static InMemoryIo run(String name, CorrelationConfig config, List<Event> input) throws Exception {
    InMemoryIo io = new InMemoryIo(name, input);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    CorrelationJob.build(env, config, new RuleLoader().builtIn(), io);
    env.execute(name);
    return io;
  }

  private static Map<String, Alert> latestById(List<Alert> alerts) {
    return alerts.stream().collect(Collectors.toMap(Alert::id, a -> a,
        (a, b) -> b.alert().count() >= a.alert().count() ? b : a));
  }

  @Test
  void everyShippedRuleFiresOnceAndTheCampaignRaisesOneNationalAlert() throws Exception {
    InMemoryIo io = run("every-rule", CONFIG, CorrelationScenarios.everyRule());
    Map<String, Alert> alerts = latestById(io.alerts());

    Map<String, List<Alert>> byRule = alerts.values().stream()
        .collect(Collectors.groupingBy(a -> a.rule().id()));
    assertThat(byRule.keySet()).containsExactlyInAnyOrder("soc-ssh-bruteforce", "soc-bruteforce-then-success",
        "soc-portscan-horizontal", "soc-portscan-vertical", "soc-threat-intel-traffic", "soc-cross-agency-campaign");
    assertThat(byRule.get("soc-ssh-bruteforce")).extracting(a -> a.organization().id())
        .containsExactlyInAnyOrder("health", "finance", "interior");
    assertThat(byRule.get("soc-bruteforce-then-success")).singleElement()
        .satisfies(a -> assertThat(a.alert().eventIds()).endsWith("health-ok"));
    assertThat(byRule.get("soc-portscan-horizontal")).singleElement()
        .satisfies(a -> assertThat(a.source().ip()).isEqualTo("198.51.100.20"));
    assertThat(byRule.get("soc-portscan-vertical")).singleElement().satisfies(a -> {
      assertThat(a.destination().ip()).isEqualTo("10.20.2.2");
      assertThat(a.source().ip()).isEqualTo("198.51.100.30");
    });
    // Two destinations on the list (one exact, one by CIDR): one alert each.
    assertThat(byRule.get("soc-threat-intel-traffic")).extracting(a -> a.destination().ip())
        .containsExactlyInAnyOrder("198.51.100.66", "203.0.113.200");

    assertThat(byRule.get("soc-cross-agency-campaign")).singleElement().satisfies(national -> {
      assertThat(national.organization().id()).isEqualTo(Alert.NATIONAL);
      assertThat(national.alert().agencies()).containsExactly("finance", "health", "interior");
      assertThat(national.source().ip()).isEqualTo(CorrelationScenarios.CAMPAIGN_SOURCE);
      assertThat(national.alert().key()).isEqualTo(CorrelationScenarios.CAMPAIGN_SOURCE);
      assertThat(national.alert().eventIds()).hasSizeGreaterThanOrEqualTo(3)
          .containsAll(byRule.get("soc-ssh-bruteforce").stream().map(Alert::id).toList());
    });

    // Enrichment reached the indexed events too.
    Event c2 = io.events().stream().filter(e -> "c2-1".equals(e.id())).findFirst().orElseThrow();
    assertThat(c2.labels()).containsEntry("threat.indicator.matched", "destination")
        .containsEntry("threat.indicator.list", "abuse-c2")
        .containsEntry("source.organization.id", "interior");
  }

  @Test
  void replayWithParallelismOneAndTwoYieldsTheSameAlertIds() throws Exception {
    List<Event> input = CorrelationScenarios.everyRule();
    Set<String> p1 = new TreeSet<>(latestById(run("determinism-p1", CONFIG.withParallelism(1), input).alerts())
        .keySet());
    Set<String> p2 = new TreeSet<>(latestById(run("determinism-p2", CONFIG.withParallelism(2), input).alerts())
        .keySet());
    assertThat(p1).hasSize(9).isEqualTo(p2);
  }

  @Test
  void publishedRuleSetReplacesTheRulesAtItsEventTimeAndABrokenOneIsRejected() throws Exception {
    List<RuleDefinition> sshOnly = RuleEvaluatorTest.SSH_ONLY;
    // Phase 1 (before T0+100 s): 3 failures from A. Phase 2: 3 failures from B.
    List<Event> input = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      input.add(sshLogin("a" + i, i * 1_000L, "health", "198.51.100.1", "failure"));
    }
    for (int i = 0; i < 3; i++) {
      input.add(sshLogin("b" + i, 200_000 + i * 1_000L, "health", "198.51.100.2", "failure"));
    }
    input.sort(Comparator.comparing(Event::timestamp));
    RuleSetUpdate broken = RuleSetUpdate.of("broken", Map.of(
        "ssh-brute-force.drl", "package x\nrule \"soc-ssh-bruteforce\" when then end end\n",
        "ssh-brute-force.yml", "id: soc-ssh-bruteforce\nname: X\nseverity: low\n"
            + "correlation: {key: [source.ip], window: 1m, threshold: 1, suppression: 5m}\n"));
    RuleSetUpdate three = RuleEvaluatorTest.threeFailuresRuleSet("v2").effectiveFrom(TestEvents.at(100));
    // Gate the phase-2 events until both evaluators (events, alerts) on both subtasks compiled v2.
    InMemoryIo io = new InMemoryIo("reload", input, List.of(broken, three), List.of(), 3, 4);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // No checkpoint during the run: an aligned checkpoint barrier would hold the rule set at the evaluators'
    // broadcast input until the (gated) event input delivers its barrier, and the gate waits for the rule set.
    CorrelationJob.build(env, CONFIG.withCheckpointInterval(Duration.ofHours(1)), sshOnly, io);
    env.execute("reload");

    assertThat(io.alerts()).singleElement().satisfies(a -> {
      assertThat(a.rule().name()).isEqualTo("SSH brute force (3)");
      assertThat(a.source().ip()).isEqualTo("198.51.100.2");
    });
    List<RuleSetStatus> statuses = io.statuses();
    assertThat(statuses).filteredOn(s -> s.state().equals(RuleSetStatus.REJECTED)).singleElement()
        .satisfies(s -> {
          assertThat(s.version()).isEqualTo("broken");
          assertThat(s.messages()).isNotEmpty().allSatisfy(m -> assertThat(m).contains("soc.rules@broken"));
        });
    assertThat(statuses).filteredOn(s -> s.state().equals(RuleSetStatus.ACCEPTED)).extracting(RuleSetStatus::version)
        .containsExactly("v2");
    assertThat(statuses).filteredOn(s -> s.state().equals(RuleSetStatus.ACTIVE))
        .extracting(RuleSetStatus::operator).contains("rules-events");
  }
}
