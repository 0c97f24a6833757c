package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.correlation.TestEvents.failure;
import static org.soc.correlation.TestEvents.sshLogin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.soc.rules.RuleLoader;
import org.soc.schema.Alert;
import org.soc.schema.Event;

/** The whole job on a MiniCluster with parallelism 2 and in-memory source and sinks. */
class CorrelationJobTest {
  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          // No restarts: a failure must fail the test, not be hidden by a replay into the (non-idempotent) sinks.
          .setConfiguration(Configuration.fromMap(Map.of("restart-strategy.type", "none")))
          .build());

  private static final CorrelationConfig CONFIG = CorrelationConfig.of("unused:9092", "http://unused:9200")
      .withParallelism(2)
      .withCheckpointInterval(Duration.ofMillis(500));

  @Test
  void sixFailedLoginsFromOneSourceRaiseExactlyOneAlert() throws Exception {
    List<Event> input = new ArrayList<>();
    String[] others = {"198.51.100.1", "198.51.100.2", "198.51.100.3"};
    for (int i = 0; i < 6; i++) {
      input.add(failure("bf-" + i, i * 5L, "203.0.113.7"));
      // Interleaved: other sources fail too, but never 5 times each within a minute.
      input.add(failure("o-" + i, i * 5L + 1, others[i % 3]));
      input.add(sshLogin("s-" + i, i * 5_000L + 2_000, "health", "203.0.113.7", "success"));
    }
    // 5 failures from one source but spread over 4 minutes.
    for (int i = 0; i < 5; i++) {
      input.add(failure("slow-" + i, i * 60L, "192.0.2.50"));
    }
    // Same source against another agency: a different key, only 2 failures.
    input.add(sshLogin("fin-1", 3_000, "finance", "203.0.113.7", "failure"));
    input.add(sshLogin("fin-2", 4_000, "finance", "203.0.113.7", "failure"));
    input.sort(Comparator.comparing(Event::timestamp));

    InMemoryIo io = new InMemoryIo("six-failures", input);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    CorrelationJob.build(env, CONFIG, new RuleLoader().builtIn(), io);
    env.execute("correlation-test");

    assertThat(io.events()).as("every event indexed").hasSize(input.size());

    List<Alert> all = io.alerts();
    // The successes after the 5th failure are a brute force followed by a successful login: its own alert.
    assertThat(all).filteredOn(a -> a.rule().id().equals("soc-bruteforce-then-success"))
        .extracting(Alert::id).containsOnly(AlertAssembler.alertId("soc-bruteforce-then-success",
            "health|203.0.113.7", TestEvents.T0.toEpochMilli()));
    List<Alert> alerts = all.stream().filter(a -> a.rule().id().equals("soc-ssh-bruteforce")).toList();
    Map<String, List<Alert>> byId = alerts.stream().collect(Collectors.groupingBy(Alert::id));
    assertThat(byId).as("one SSH brute-force alert document after suppression").hasSize(1);
    Alert latest = alerts.stream().max(Comparator.comparingLong(a -> a.alert().count())).orElseThrow();
    assertThat(latest.alert().count()).isGreaterThanOrEqualTo(5).isEqualTo(6);
    assertThat(latest.source().ip()).isEqualTo("203.0.113.7");
    assertThat(latest.organization().id()).isEqualTo("health");
    assertThat(latest.alert().eventIds()).containsExactly("bf-0", "bf-1", "bf-2", "bf-3", "bf-4", "bf-5");
    assertThat(latest.id()).isEqualTo(AlertAssembler.alertId("soc-ssh-bruteforce", "health|203.0.113.7",
        TestEvents.T0.toEpochMilli()));
  }

  @Test
  void parseFailuresAreIndexedAndDoNotReachTheRules() throws Exception {
    List<Event> input = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      input.add(RawEvent.parseFailure(("garbage " + i).getBytes(), "soc.events", 0, i,
          TestEvents.T0.toEpochMilli() + i, "not json"));
    }
    InMemoryIo io = new InMemoryIo("parse-failures", input);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    CorrelationJob.build(env, CONFIG, new RuleLoader().builtIn(), io);
    env.execute("correlation-test-parse-failures");

    assertThat(io.events()).hasSize(5).allSatisfy(e -> assertThat(e.isParseFailure()).isTrue());
    assertThat(io.alerts()).isEmpty();
  }
}
