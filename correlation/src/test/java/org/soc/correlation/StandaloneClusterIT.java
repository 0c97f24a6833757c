package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.correlation.TestEvents.flow;
import static org.soc.correlation.TestEvents.sshLogin;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.alerting.elasticsearch.IndexTemplates;
import org.soc.schema.Event;
import org.soc.stack.LocalStack;
import org.soc.stack.LocalStackExtension;

/**
 * The job on a real standalone Flink cluster — one JobManager and two TaskManager JVMs started from the Flink jars
 * ({@link StandaloneFlinkCluster}), submitted as {@code bin/soc job submit} does ({@link SessionClusterSubmitter}:
 * REST, the shaded job jar) with parallelism 2 — against the real Kafka and Elasticsearch. Events are produced at
 * a steady rate; once a quarter of them is indexed and a checkpoint completed, one TaskManager that runs tasks is
 * killed (SIGKILL). The test then acts as the cluster's supervisor and replaces every TaskManager JVM that exited
 * (the killed one, and any survivor that Flink's fatal-error handler shuts down while the network stack tears down
 * the failed tasks: seen on CI). The job restarts from its last checkpoint, and in the end every expected alert is
 * in Elasticsearch exactly once, with exactly its events, and every event is indexed once.
 */
@ExtendWith(LocalStackExtension.class)
class StandaloneClusterIT {
  private static final Instant DAY = Instant.parse("2021-03-01T00:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final String[] AGENCIES = {"health", "finance", "interior"};
  static final String CAMPAIGN_SOURCE = "203.0.113.99";

  @Test
  void everyAlertExactlyOnceAfterATaskManagerIsKilledMidStream(LocalStack stack) throws Exception {
    IndexTemplates.install(List.of(stack.elasticsearchUrl()), 0);
    List<Event> input = stream();
    String topic = "soc.events.standalone-it-" + System.nanoTime();
    CorrelationConfig config = RealStackJobs.config(stack, topic, 2, Duration.ofSeconds(5));
    Map<String, Long> expected = RealStackJobs.inMemoryAlerts("standalone-oracle", config, input);
    // 12 brute forces, 3 more by the campaign source (one per agency), its national alert.
    assertThat(expected).hasSize(16);
    for (int k = 0; k < 12; k++) {
      assertThat(expected).containsEntry(bruteForceId(input, k), 6L);
    }
    Path jobJar = Path.of(System.getProperty("soc.correlation.job.jar"));
    SearchProbe es = new SearchProbe(stack.elasticsearchUrl(), DAY, DAY.plus(Duration.ofDays(1)));
    es.clear();

    // Kept after the run (target/): the cluster's logs are what explains a failure.
    Path work = Files.createDirectories(Path.of("target", "standalone-cluster", String.valueOf(System.nanoTime())))
        .toAbsolutePath();
    try (StandaloneFlinkCluster flink = new StandaloneFlinkCluster(work, 2).start(2, Duration.ofMinutes(2));
        EventTopics kafka = EventTopics.create(stack.kafkaBootstrap(), topic, 2)) {
      long begin = System.nanoTime();
      JobClient job = SessionClusterSubmitter.submit(flink.jobManagerAddress(), config, jobJar);
      log("submitted %s in %d ms", job.getJobID(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
      Await.until("every task of the job running", TIMEOUT, () -> {
        requireAlive(flink, job);
        return allTasksRunning(flink, job);
      }, running -> running);
      log("all tasks running %d ms after submission", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
      ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
      CountDownLatch allSent = new CountDownLatch(1);
      AtomicReference<Throwable> sendFailure = new AtomicReference<>();
      AtomicInteger next = new AtomicInteger();
      try {
        // About 33 events/s (one every 30 ms, 46 s in all), so the kill falls in the middle of a flowing stream.
        producer.scheduleAtFixedRate(() -> {
          int i = next.getAndIncrement();
          if (i < input.size()) {
            kafka.sendAsync(input.get(i));
          } else if (i == input.size()) {
            kafka.flush();
            allSent.countDown();
          }
        }, 0, 30, TimeUnit.MILLISECONDS);

        es.await("a quarter of the events indexed and a checkpoint completed", TIMEOUT, () -> {
              requireAlive(flink, job);
              return es.count(SearchProbe.EVENTS) >= input.size() / 4 && completedCheckpoints(flink, job) > 0;
            }, done -> done);
        List<String> busy = flink.busyTaskManagers();
        assertThat(busy).as("TaskManagers running tasks").hasSize(2);
        int sentBeforeKill = next.get();
        flink.kill(busy.get(0));
        log("killed %s after %d of %d events sent", busy.get(0), sentBeforeKill, input.size());
        superviseTaskManagers(flink);
        assertThat(sentBeforeKill).as("killed mid-stream").isLessThan(input.size());

        Await.until("all events sent", TIMEOUT, () -> {
          superviseTaskManagers(flink);
          return allSent.await(500, TimeUnit.MILLISECONDS);
        }, sent -> sent);
        es.await("every event indexed", TIMEOUT, () -> {
          requireAlive(flink, job);
          return es.count(SearchProbe.EVENTS);
        }, n -> n >= input.size());
        es.await("every expected alert searchable", TIMEOUT, () -> {
          superviseTaskManagers(flink);
          return es.alertCounts();
        }, a -> a.equals(expected));
        JsonNode restored = RealStackJobs.flinkRest(flink.restUrl(), "/jobs/" + job.getJobID() + "/checkpoints")
            .path("latest").path("restored");
        assertThat(restored.path("is_savepoint").asBoolean(true)).as("restored from a checkpoint: %s", restored)
            .isFalse();
        log("recovered from checkpoint %s; all alerts searchable %d ms after submission",
            restored.path("id").asText(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        // Drain: whatever the job still held is written now, so the counts below are final.
        job.stopWithSavepoint(true, null, SavepointFormatType.CANONICAL).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception | AssertionError e) {
        job.cancel().get(1, TimeUnit.MINUTES);
        throw new AssertionError(e.getMessage() + " (cluster logs in " + flink.logs() + ")", e);
      } finally {
        producer.shutdownNow();
      }
    }

    es.refresh();
    assertThat(es.alertCounts()).as("alert id -> alert.count").isEqualTo(expected);
    for (String id : expected.keySet()) {
      assertThat(es.alertsWithId(id)).as("documents with alert id %s", id).isEqualTo(1);
    }
    for (int k = 0; k < 12; k++) {
      String id = bruteForceId(input, k);
      List<String> events = List.of("atk-" + k + "-0", "atk-" + k + "-1", "atk-" + k + "-2", "atk-" + k + "-3",
          "atk-" + k + "-4", "atk-" + k + "-5");
      assertThat(es.alerts()).filteredOn(a -> a.id().equals(id)).singleElement()
          .satisfies(a -> assertThat(a.eventIds()).as("events of %s", id).isEqualTo(events));
    }
    assertThat(es.count(SearchProbe.EVENTS)).as("events indexed once each").isEqualTo(input.size());
  }

  /**
   * 12 windows of 30 s event time in turn against health, finance and interior: in each, one source fails to log in
   * 6 times (2 s apart), among 120 events of noise (successful logins, flows, each from its own source). And a
   * campaign source that brute-forces all three agencies. About 1,500 events, in event-time order.
   */
  static List<Event> stream() {
    List<Event> in = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      long window = k * 30_000L;
      String agency = AGENCIES[k % 3];
      for (int j = 0; j < 6; j++) {
        in.add(sshLogin("atk-" + k + "-" + j, window + j * 2_000L, agency, "198.18.0." + (k + 1), "failure"));
      }
      for (int n = 0; n < 60; n++) {
        in.add(sshLogin("ok-" + k + "-" + n, window + n * 500L + 100, agency, "10.77." + k + "." + n, "success"));
        in.add(flow("fl-" + k + "-" + n, window + n * 500L + 300, agency, "10.88." + k + "." + n,
            "10.20." + k + "." + n, 443));
      }
    }
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 6; j++) {
        in.add(sshLogin("camp-" + c + "-" + j, 100_000L + c * 40_000L + j * 2_000L + 50, AGENCIES[c],
            CAMPAIGN_SOURCE, "failure"));
      }
    }
    in.sort(Comparator.comparing(Event::timestamp).thenComparing(Event::id));
    return EventTopics.shifted(in, EventTopics.toDay(DAY.plus(Duration.ofHours(10))));
  }

  private static String bruteForceId(List<Event> input, int k) {
    Event first = input.stream().filter(e -> e.id().equals("atk-" + k + "-0")).findFirst().orElseThrow();
    return AlertAssembler.alertId("soc-ssh-bruteforce", first.organizationId() + "|198.18.0." + (k + 1),
        first.timestamp().toEpochMilli());
  }

  private static boolean allTasksRunning(StandaloneFlinkCluster flink, JobClient job) throws Exception {
    JsonNode vertices = RealStackJobs.flinkRest(flink.restUrl(), "/jobs/" + job.getJobID()).path("vertices");
    boolean running = vertices.size() > 0;
    for (JsonNode vertex : vertices) {
      running &= vertex.path("status").asText().equals("RUNNING");
    }
    return running;
  }

  private static long completedCheckpoints(StandaloneFlinkCluster flink, JobClient job) throws Exception {
    return RealStackJobs.flinkRest(flink.restUrl(), "/jobs/" + job.getJobID() + "/checkpoints")
        .path("counts").path("completed").asLong();
  }

  private static void superviseTaskManagers(StandaloneFlinkCluster flink) throws Exception {
    for (String replacement : flink.replaceExitedTaskManagers()) {
      log("TaskManager replaced: %s", replacement);
    }
  }

  /**
   * Fails at once when the job ended (instead of waiting for the deadline), with the cluster's reason; replaces
   * TaskManagers that exited meanwhile, as the cluster's supervisor would.
   */
  private static void requireAlive(StandaloneFlinkCluster flink, JobClient job) throws Exception {
    superviseTaskManagers(flink);
    JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
    if (status.isGloballyTerminalState()) {
      JsonNode exceptions = RealStackJobs.flinkRest(flink.restUrl(), "/jobs/" + job.getJobID() + "/exceptions");
      throw new AssertionError("job " + status + ": " + exceptions.path("exceptionHistory").path("entries")
          .path(0).path("stacktrace").asText());
    }
  }

  private static void log(String format, Object... args) {
    System.out.printf("[StandaloneClusterIT] " + format + "%n", args);
  }
}
