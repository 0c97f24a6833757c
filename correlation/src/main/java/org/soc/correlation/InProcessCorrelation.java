package org.soc.correlation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * The production job in a MiniCluster inside this JVM, for {@code bin/soc up}. Unlike {@code executeAsync},
 * {@link #start} returns only once every task is RUNNING, i.e. has opened its operators and compiled its rules:
 * "up" then means events sent now are correlated now. {@link #close()} cancels the job and stops the cluster.
 */
public final class InProcessCorrelation implements AutoCloseable {
  private final MiniCluster cluster;
  private final JobID jobId;

  private InProcessCorrelation(MiniCluster cluster, JobID jobId) {
    this.cluster = cluster;
    this.jobId = jobId;
  }

  /**
   * @param checkpointDirectory where checkpoints go (created when missing). Without one Flink keeps them in the
   *     JobManager's memory, which refuses any operator state over 5 MiB: ten minutes of events held for the rules
   *     exceed that at a few dozen events per second, and every checkpoint then fails the job.
   */
  public static InProcessCorrelation start(CorrelationConfig config, Duration readyTimeout, Path checkpointDirectory)
      throws Exception {
    Configuration flink = new Configuration();
    // The MiniCluster's REST endpoint is internal here: any free port, never a fixed 8081 that another program
    // (or a second SOC, or a test) may hold.
    flink.set(org.apache.flink.configuration.RestOptions.BIND_PORT, "0");
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        Files.createDirectories(checkpointDirectory).toAbsolutePath().toUri().toString());
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(flink)
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(config.parallelism())
        .build());
    cluster.start();
    try {
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(), flink);
      CorrelationJob.build(env, config, CorrelationJob.rules(config), new KafkaElasticsearchIo(config));
      StreamGraph graph = env.getStreamGraph();
      graph.setJobName(CorrelationJob.JOB_NAME);
      JobID jobId = cluster.submitJob(graph).get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS).getJobID();
      InProcessCorrelation job = new InProcessCorrelation(cluster, jobId);
      job.awaitAllTasksRunning(readyTimeout);
      return job;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void awaitAllTasksRunning(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      AccessExecutionGraph graph = cluster.getExecutionGraph(jobId).get(10, TimeUnit.SECONDS);
      if (graph.getState().isGloballyTerminalState()) {
        throw new IllegalStateException("correlation job ended while starting: " + graph.getState()
            + (graph.getFailureInfo() == null ? "" : ": " + graph.getFailureInfo().getExceptionAsString()));
      }
      boolean running = graph.getAllExecutionVertices().iterator().hasNext();
      for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
        running &= vertex.getExecutionState() == ExecutionState.RUNNING;
      }
      if (running) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("correlation job tasks not all running after " + timeout);
      }
      Thread.sleep(100); // polling the cluster's view of the job; it offers no readiness callback
    }
  }

  public JobID jobId() {
    return jobId;
  }

  @Override
  public void close() throws Exception {
    try {
      cluster.cancelJob(jobId).get(30, TimeUnit.SECONDS);
    } finally {
      cluster.close();
    }
  }
}
