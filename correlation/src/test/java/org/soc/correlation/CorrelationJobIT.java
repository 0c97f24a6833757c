package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.soc.alerting.elasticsearch.IndexTemplates;
import org.soc.schema.Event;
import org.soc.stack.LocalStack;
import org.soc.stack.LocalStackExtension;

/**
 * The production job — Kafka source, enrichment, rules, Elasticsearch sinks ({@link KafkaElasticsearchIo}) — on a
 * MiniCluster with parallelism 2 and checkpoints every second, against the real Kafka and Elasticsearch of the
 * local stack: ECS events produced to a 2-partition topic come out as exactly the alerts the in-memory run of the
 * same logic raises, each indexed once under its id, and every event is indexed.
 */
@ExtendWith(LocalStackExtension.class)
class CorrelationJobIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1)
      .setNumberSlotsPerTaskManager(2)
      // A failure must fail the test, not be hidden by a restart.
      .setConfiguration(Configuration.fromMap(Map.of("restart-strategy.type", "none")))
      .build());

  /** This test's own day in Elasticsearch (indices soc-events-*-2021.01.01, soc-alerts-*-2021.01). */
  private static final Instant DAY = Instant.parse("2021-01-01T00:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @BeforeAll
  static void templates(LocalStack stack) throws Exception {
    IndexTemplates.install(List.of(stack.elasticsearchUrl()), 0);
  }

  @Test
  void everyExpectedAlertIsIndexedExactlyOnceAndEveryEventIsIndexed(LocalStack stack, @TempDir Path savepoints)
      throws Exception {
    List<Event> input = EventTopics.shifted(CorrelationScenarios.everyRule(),
        EventTopics.toDay(DAY.plus(Duration.ofHours(10))));
    String topic = "soc.events.job-it-" + System.nanoTime();
    // Idle timeout 2 s: the last burst is evaluated 2 s after the stream goes quiet, without more events.
    CorrelationConfig config = RealStackJobs.config(stack, topic, 2, Duration.ofSeconds(2));
    Map<String, Long> expected = RealStackJobs.inMemoryAlerts("job-it-oracle", config, input);
    assertThat(expected).as("oracle: every shipped rule's scenario").hasSize(9);
    String healthBruteForce = AlertAssembler.alertId("soc-ssh-bruteforce",
        "health|" + CorrelationScenarios.CAMPAIGN_SOURCE, input.get(0).timestamp().toEpochMilli());
    assertThat(expected).containsEntry(healthBruteForce, 6L);

    try (EventTopics kafka = EventTopics.create(stack.kafkaBootstrap(), topic, 2)) {
      kafka.send(input);
    }
    SearchProbe es = new SearchProbe(stack.elasticsearchUrl(), DAY, DAY.plus(Duration.ofDays(1)));
    long started = System.nanoTime();
    JobClient job = RealStackJobs.start(config, SavepointRestoreSettings.none());
    try {
      es.await("every event indexed", TIMEOUT, () -> es.count(SearchProbe.EVENTS), n -> n >= input.size());
      // The job runs on: alerts must appear from watermarks alone (the quiet stream's flush), not from a drain.
      es.await("every expected alert searchable", TIMEOUT, es::alertCounts, a -> a.equals(expected));
      System.out.printf("[CorrelationJobIT] %d events, %d alerts searchable after %d ms%n", input.size(),
          expected.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      // Drain (end of event time, flush, stop): anything the job still held would be written now.
      job.stopWithSavepoint(true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception | AssertionError e) {
      job.cancel().get(1, TimeUnit.MINUTES);
      throw e;
    }

    es.refresh();
    assertThat(es.alertCounts()).as("alert id -> alert.count after the drain").isEqualTo(expected);
    for (String id : expected.keySet()) {
      assertThat(es.alertsWithId(id)).as("documents with alert id %s", id).isEqualTo(1);
    }
    assertThat(es.alerts()).filteredOn(a -> a.rule().equals("soc-cross-agency-campaign")).singleElement()
        .satisfies(a -> assertThat(a.index()).isEqualTo("soc-alerts-national-2021.01"));
    assertThat(es.alerts()).filteredOn(a -> a.id().equals(healthBruteForce)).singleElement()
        .satisfies(a -> {
          assertThat(a.index()).isEqualTo("soc-alerts-health-2021.01");
          assertThat(a.eventIds()).containsExactly("health-f0", "health-f1", "health-f2", "health-f3", "health-f4",
              "health-f5");
        });
    assertThat(es.count(SearchProbe.EVENTS)).as("events indexed once each").isEqualTo(input.size());
    assertThat(es.count("soc-events-health-2021.01.01")).isEqualTo(
        input.stream().filter(e -> e.organizationId().equals("health")).count());
  }
}
