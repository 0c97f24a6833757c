package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CorrelationConfigTest {
  @Test
  void defaults() {
    CorrelationConfig c = CorrelationConfig.of("127.0.0.1:9092", "http://127.0.0.1:9200");
    assertThat(c.topic()).isEqualTo("soc.events");
    assertThat(c.groupId()).isEqualTo("soc-correlation");
    assertThat(c.parallelism()).isEqualTo(2);
    assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.outOfOrderness()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.rulesDirectory()).isNull();
  }

  @Test
  void mainArguments() {
    CorrelationConfig c = CorrelationJob.parseArgs(new String[] {"--kafka", "k:9092", "--elasticsearch",
        "http://a:9200,http://b:9200", "--parallelism", "4", "--idle-timeout", "10s", "--out-of-orderness", "3s"});
    assertThat(c.elasticsearchUrls()).containsExactly("http://a:9200", "http://b:9200");
    assertThat(c.parallelism()).isEqualTo(4);
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.outOfOrderness()).isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> CorrelationJob.parseArgs(new String[] {"--kafka", "k:9092"}))
        .hasMessageContaining("--elasticsearch");
    assertThatThrownBy(() -> CorrelationJob.parseArgs(
        new String[] {"--kafka", "k", "--elasticsearch", "http://a:9200", "--bogus", "1"}))
        .hasMessageContaining("bogus");
  }
}
