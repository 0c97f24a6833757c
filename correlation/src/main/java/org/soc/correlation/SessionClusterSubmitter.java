package org.soc.correlation;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Submits the production job (Kafka, Elasticsearch) to a running Flink session cluster through its JobManager's
 * REST endpoint, as {@code flink run -m host:port} would: the job graph is built here, with {@code config} and the
 * rules it names, and the cluster receives it together with the job jar (this module's {@code job}-classifier jar:
 * the job, the rules, Drools, the Kafka connector, the Elasticsearch client), which its TaskManagers load the user
 * code from. Enrichment files and intel lists are read here and travel with the job graph.
 *
 * <pre>{@code
 * JobClient job = SessionClusterSubmitter.submit("flink-jm:8081", config, Path.of("soc-correlation-job.jar"));
 * }</pre>
 */
public final class SessionClusterSubmitter {
  private SessionClusterSubmitter() {}

  /**
   * @param jobManager {@code host:port} of the JobManager's REST endpoint ({@code rest.port}, 8081 by default)
   * @param jobJar the shaded job jar
   * @return the submitted (detached) job; the call returns once the cluster accepted it
   */
  public static JobClient submit(String jobManager, CorrelationConfig config, Path jobJar) throws Exception {
    int colon = jobManager.lastIndexOf(':');
    if (colon <= 0 || colon == jobManager.length() - 1) {
      throw new IllegalArgumentException("jobmanager must be host:port, got " + jobManager);
    }
    String host = jobManager.substring(0, colon);
    int port = Integer.parseInt(jobManager.substring(colon + 1));
    if (!Files.isRegularFile(jobJar)) {
      throw new IllegalArgumentException("job jar not found: " + jobJar);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(host, port,
        new Configuration(), jobJar.toAbsolutePath().toString());
    CorrelationJob.build(env, config, CorrelationJob.rules(config), new KafkaElasticsearchIo(config));
    return env.executeAsync(CorrelationJob.JOB_NAME);
  }
}
