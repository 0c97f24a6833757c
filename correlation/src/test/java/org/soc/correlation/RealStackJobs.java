package org.soc.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.soc.rules.RuleLoader;
import org.soc.schema.Alert;
import org.soc.schema.Event;
import org.soc.stack.LocalStack;

/** The production job ({@link KafkaElasticsearchIo}) against the local stack, as the real-server ITs run it. */
final class RealStackJobs {
  static final Path ENRICHMENT = Path.of("src/test/resources/enrichment").toAbsolutePath();

  private RealStackJobs() {}

  /**
   * The job's configuration for events on {@code topic}: its own consumer group and control topics, the test
   * enrichment files (absolute paths: a TaskManager JVM may run elsewhere), 1 s checkpoints.
   */
  static CorrelationConfig config(LocalStack stack, String topic, int parallelism, Duration idleTimeout) {
    return CorrelationConfig.of(stack.kafkaBootstrap(), stack.elasticsearchUrl())
        .withTopic(topic)
        .withGroupId(topic)
        .withControlTopics(topic + ".rules", topic + ".intel")
        .withParallelism(parallelism)
        .withCheckpointInterval(Duration.ofSeconds(1))
        .withWatermarks(Duration.ofSeconds(2), idleTimeout)
        .withEnrichment(ENRICHMENT.resolve("agencies.yml").toString(), ENRICHMENT.resolve("assets.yml").toString(),
            List.of("abuse-c2=" + ENRICHMENT.resolve("abuse-c2.txt")));
  }

  /** Submits the production job to the context environment (the test's MiniCluster), optionally from a savepoint. */
  static JobClient start(CorrelationConfig config, SavepointRestoreSettings restore) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    CorrelationJob.build(env, config, CorrelationJob.rules(config), new KafkaElasticsearchIo(config));
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(CorrelationJob.JOB_NAME + "-" + config.topic());
    graph.setSavepointRestoreSettings(restore);
    return env.executeAsync(graph);
  }

  /**
   * The alerts the same input yields through the same logic with in-memory source and sinks (bounded input, so
   * end of input ends event time): alert id to its final {@code alert.count}. The oracle of the real-server runs.
   */
  static Map<String, Long> inMemoryAlerts(String name, CorrelationConfig config, List<Event> input) throws Exception {
    InMemoryIo io = new InMemoryIo(name, input);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    CorrelationJob.build(env, config, new RuleLoader().builtIn(), io);
    env.execute(name);
    return io.alerts().stream().collect(Collectors.toMap(Alert::id, a -> a.alert().count(), Math::max,
        java.util.TreeMap::new));
  }

  /** GET on a Flink REST API ({@code http://host:port}); the JSON answer. */
  static JsonNode flinkRest(String restUrl, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(restUrl + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " -> " + response.statusCode() + ": " + response.body());
    }
    return new ObjectMapper().readTree(response.body());
  }

  /** The external path of the savepoint or checkpoint the job last restored from, or null. */
  static String restoredFrom(String restUrl, JobID job) throws IOException, InterruptedException {
    JsonNode restored = flinkRest(restUrl, "/jobs/" + job + "/checkpoints").path("latest").path("restored");
    return restored.isMissingNode() || restored.isNull() ? null : restored.path("external_path").asText(null);
  }
}
