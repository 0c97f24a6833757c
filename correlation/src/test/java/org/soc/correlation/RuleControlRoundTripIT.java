package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.soc.correlation.control.RuleSetPublisher;
import org.soc.correlation.control.RuleSetStatus;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.correlation.control.RuleSetUpdateCodec;
import org.soc.correlation.control.RuleSetValidator;
import org.soc.rules.RuleDefinition;
import org.soc.stack.LocalStack;
import org.soc.stack.LocalStackExtension;

/**
 * {@code bin/soc rules deploy DIR}'s publisher and the job's control source against the real Kafka of the local
 * stack: a directory published as one record is read back by the Kafka source, validated, and a broken one is
 * rejected with its compiler messages.
 */
@ExtendWith(LocalStackExtension.class)
class RuleControlRoundTripIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final Queue<RuleSetStatus> STATUSES = new ConcurrentLinkedQueue<>();
  private static final CountDownLatch TWO_STATUSES = new CountDownLatch(2);

  @Test
  void publishedDirectoryIsConsumedValidatedAndABrokenOneRejected(LocalStack stack, @TempDir Path dir)
      throws Exception {
    String topic = "soc.rules.it-" + System.nanoTime();
    RuleDefinition ssh = RuleEvaluatorTest.SSH_ONLY.get(0);
    Files.writeString(dir.resolve("ssh-brute-force.drl"), ssh.drl());
    Files.writeString(dir.resolve("ssh-brute-force.yml"), RuleEvaluatorTest.threeFailuresRuleSet("x").files()
        .get("ssh-brute-force.yml"));
    RuleSetUpdate good = RuleSetUpdateCodec.fromDirectory(dir, "it-good");
    RuleSetUpdate broken = RuleSetUpdate.of("it-broken", Map.of("b.drl", "package b\nrule \"b\" when then end end",
        "b.yml", "id: b\nname: B\nseverity: low\ncorrelation: {key: [], window: 1m, threshold: 1, suppression: 1m}"));
    assertThat(RuleSetPublisher.publish(stack.kafkaBootstrap(), topic, broken)).isZero();
    assertThat(RuleSetPublisher.publish(stack.kafkaBootstrap(), topic, good)).isEqualTo(1);

    CorrelationConfig config = CorrelationConfig.of(stack.kafkaBootstrap(), stack.elasticsearchUrl())
        .withControlTopics(topic, topic + ".intel");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    new KafkaElasticsearchIo(config).createRuleControlSource(env)
        .process(new RuleSetValidator()).setParallelism(1)
        .getSideOutput(RuleSetValidator.STATUS)
        .sinkTo(new StatusSink()).setParallelism(1);
    JobClient job = env.executeAsync("rule-control-it");
    try {
      assertThat(TWO_STATUSES.await(60, TimeUnit.SECONDS)).as("both rule sets read back").isTrue();
    } finally {
      job.cancel().get();
    }
    List<RuleSetStatus> statuses = List.copyOf(STATUSES);
    assertThat(statuses).extracting(RuleSetStatus::version).containsExactly("it-broken", "it-good");
    assertThat(statuses.get(0).state()).isEqualTo(RuleSetStatus.REJECTED);
    assertThat(statuses.get(0).messages()).isNotEmpty().allSatisfy(m -> assertThat(m).contains("b.drl"));
    assertThat(statuses.get(1).state()).isEqualTo(RuleSetStatus.ACCEPTED);
    assertThat(statuses.get(1).rules()).containsExactly("soc-ssh-bruteforce");
  }

  static final class StatusSink implements Sink<RuleSetStatus> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<RuleSetStatus> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override public void write(RuleSetStatus s, Context ctx) { STATUSES.add(s); TWO_STATUSES.countDown(); }
        @Override public void flush(boolean endOfInput) {}
        @Override public void close() {}
      };
    }
  }
}
