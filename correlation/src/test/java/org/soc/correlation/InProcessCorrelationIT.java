package org.soc.correlation;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.soc.stack.LocalStack;
import org.soc.stack.LocalStackExtension;

/**
 * The job as {@code bin/soc up} runs it ({@link InProcessCorrelation}: its own MiniCluster, so no Flink test
 * context in this class) against the real Kafka and Elasticsearch: it checkpoints to files under the directory it
 * is given, not into the JobManager's memory — which fails every checkpoint once an operator's state passes 5 MiB,
 * about ten minutes of events at a few dozen per second.
 */
@ExtendWith(LocalStackExtension.class)
class InProcessCorrelationIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @Test
  void checkpointsGoToTheGivenDirectory(LocalStack stack, @TempDir Path checkpoints) throws Exception {
    String topic = "soc.events.in-process-it-" + System.nanoTime();
    EventTopics.create(stack.kafkaBootstrap(), topic, 2).close();
    CorrelationConfig config = RealStackJobs.config(stack, topic, 2, Duration.ofSeconds(2));
    try (InProcessCorrelation job = InProcessCorrelation.start(config, TIMEOUT, checkpoints)) {
      Path jobDir = checkpoints.resolve(job.jobId().toString());
      Await.until("a completed checkpoint in " + jobDir, TIMEOUT, () -> {
        try (var files = Files.list(jobDir)) {
          return files.anyMatch(f -> f.getFileName().toString().startsWith("chk-")
              && Files.exists(f.resolve("_metadata")));
        } catch (NoSuchFileException e) {
          return false;
        }
      }, done -> done);
    }
  }
}
