package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.soc.alerting.elasticsearch.IndexTemplates;
import org.soc.schema.Event;
import org.soc.stack.LocalStack;
import org.soc.stack.LocalStackExtension;

/**
 * Determinism of the production job against the real Kafka and Elasticsearch: the same input (every shipped rule's
 * scenario, pre-produced to a 2-partition topic) run with parallelism 1, with parallelism 2, and stopped with a
 * savepoint midway and restarted from it at another parallelism (2 → 1 and 1 → 2), leaves the same alert
 * documents in Elasticsearch — same ids, indices, counts and event ids, no duplicate and none missing.
 *
 * <p>Every run ends with a drain ({@code stopWithSavepoint(advanceToEndOfEventTime = true)}) once every event is
 * indexed: event time goes to its end, every timer fires, the sinks flush, so the run's output is complete and
 * nothing can come later. The idle timeout is long so that no quiet-stream flush happens within a run: event time
 * is driven by the events alone. Runs share this test's day in Elasticsearch and clear it before they start.
 */
@ExtendWith(LocalStackExtension.class)
class CorrelationDeterminismIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1)
      .setNumberSlotsPerTaskManager(2)
      .setConfiguration(Configuration.fromMap(Map.of("restart-strategy.type", "none")))
      .build());

  private static final Instant DAY = Instant.parse("2021-02-01T00:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final Duration NO_IDLE_FLUSH = Duration.ofMinutes(10);
  private static final List<Event> INPUT = EventTopics.shifted(CorrelationScenarios.everyRule(),
      EventTopics.toDay(DAY.plus(Duration.ofHours(10))));
  /**
   * Phase 1, before the savepoint: health's brute force and half of finance's (failures at +120, +122, +124 s).
   * The rest — finance's other failures, interior's, the success after health's brute force, the national
   * campaign over the three agencies' alerts — needs state restored from the savepoint.
   */
  private static final Instant SPLIT = DAY.plus(Duration.ofHours(10)).plusSeconds(125);

  private LocalStack stack;
  private SearchProbe es;
  private String restUrl;
  @TempDir
  Path savepoints;

  @BeforeAll
  static void templates(LocalStack stack) throws Exception {
    IndexTemplates.install(List.of(stack.elasticsearchUrl()), 0);
  }

  @BeforeEach
  void setUp(LocalStack stack, @InjectClusterClient ClusterClient<?> client) {
    this.stack = stack;
    this.es = new SearchProbe(stack.elasticsearchUrl(), DAY, DAY.plus(Duration.ofDays(1)));
    this.restUrl = client.getWebInterfaceURL();
  }

  @Test
  void sameAlertsAtParallelismOneAndTwoAndAcrossStopWithSavepointAndRescale() throws Exception {
    List<SearchProbe.IndexedAlert> p1 = run("p1", 1);
    assertThat(p1).as("alerts at parallelism 1").hasSize(9)
        .extracting(SearchProbe.IndexedAlert::rule).contains("soc-cross-agency-campaign",
            "soc-bruteforce-then-success");
    assertThat(run("p2", 2)).as("parallelism 2").isEqualTo(p1);
    assertThat(runAcrossSavepoint("p2-to-p1", 2, 1)).as("p=2, savepoint, restored at p=1")
        .isEqualTo(p1);
    assertThat(runAcrossSavepoint("p1-to-p2", 1, 2)).as("p=1, savepoint, restored at p=2")
        .isEqualTo(p1);
  }

  /** All input, one job run at {@code parallelism}, drained; the alerts it indexed. */
  private List<SearchProbe.IndexedAlert> run(String name, int parallelism) throws Exception {
    es.clear();
    String topic = topic(name);
    try (EventTopics kafka = EventTopics.create(stack.kafkaBootstrap(), topic, 2)) {
      kafka.send(INPUT);
    }
    CorrelationConfig config = RealStackJobs.config(stack, topic, parallelism, NO_IDLE_FLUSH);
    JobClient job = RealStackJobs.start(config, SavepointRestoreSettings.none());
    awaitEventsThenDrain(job, INPUT.size(), () -> {});
    return indexedAlerts();
  }

  /**
   * Phase 1 at {@code before}, stop with a savepoint once phase 1 is indexed, phase 2 produced while no job runs,
   * then the job restored from the savepoint at {@code after} and drained.
   */
  private List<SearchProbe.IndexedAlert> runAcrossSavepoint(String name, int before, int after) throws Exception {
    es.clear();
    String topic = topic(name);
    List<Event> phase1 = INPUT.stream().filter(e -> e.timestamp().isBefore(SPLIT)).toList();
    List<Event> phase2 = INPUT.stream().filter(e -> !e.timestamp().isBefore(SPLIT)).toList();
    assertThat(phase1).hasSize(9);
    String savepoint;
    try (EventTopics kafka = EventTopics.create(stack.kafkaBootstrap(), topic, 2)) {
      kafka.send(phase1);
      JobClient first = RealStackJobs.start(RealStackJobs.config(stack, topic, before, NO_IDLE_FLUSH),
          SavepointRestoreSettings.none());
      try {
        es.await(name + ": phase 1 indexed", TIMEOUT, () -> es.count(SearchProbe.EVENTS), n -> n >= phase1.size());
        savepoint = first.stopWithSavepoint(false, savepoints.resolve(name).toUri().toString(),
            SavepointFormatType.CANONICAL).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception | AssertionError e) {
        first.cancel().get(1, TimeUnit.MINUTES);
        throw e;
      }
      kafka.send(phase2);
    }
    JobClient restored = RealStackJobs.start(RealStackJobs.config(stack, topic, after, NO_IDLE_FLUSH),
        SavepointRestoreSettings.forPath(savepoint, false));
    awaitEventsThenDrain(restored, INPUT.size(), () ->
        assertThat(RealStackJobs.restoredFrom(restUrl, restored.getJobID())).as("restored from").isNotNull()
            .satisfies(path -> assertThat(Path.of(URI.create(path).getPath()))
                .isEqualTo(Path.of(URI.create(savepoint).getPath()))));
    return indexedAlerts();
  }

  /** Waits until {@code events} are indexed (the job read them all), checks {@code running}, then drains. */
  private void awaitEventsThenDrain(JobClient job, int events, Check running) throws Exception {
    try {
      es.await("all events indexed", TIMEOUT, () -> es.count(SearchProbe.EVENTS), n -> n >= events);
      running.check();
      job.stopWithSavepoint(true, savepoints.resolve("drained").toUri().toString(), SavepointFormatType.CANONICAL)
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception | AssertionError e) {
      job.cancel().get(1, TimeUnit.MINUTES);
      throw e;
    }
  }

  interface Check {
    void check() throws Exception;
  }

  /** The alerts of the day after a refresh, with the checks that hold for every run. */
  private List<SearchProbe.IndexedAlert> indexedAlerts() throws Exception {
    es.refresh();
    assertThat(es.count(SearchProbe.EVENTS)).as("events indexed once each").isEqualTo(INPUT.size());
    List<SearchProbe.IndexedAlert> alerts = es.alerts();
    assertThat(alerts).extracting(SearchProbe.IndexedAlert::id).doesNotHaveDuplicates();
    assertThat(es.count(SearchProbe.ALERTS)).isEqualTo(alerts.size());
    return alerts;
  }

  private static String topic(String run) {
    return "soc.events.determinism-" + run + "-" + System.nanoTime();
  }
}
