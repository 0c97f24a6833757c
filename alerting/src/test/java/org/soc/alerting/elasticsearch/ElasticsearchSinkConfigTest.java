package org.soc.alerting.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkConfigTest {

  @Test
  void defaults() {
    ElasticsearchSinkConfig c = ElasticsearchSinkConfig.of("http://127.0.0.1:9200");
    assertThat(c.bulkMaxActions()).isEqualTo(1000);
    assertThat(c.bulkMaxBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.maxRetries()).isEqualTo(8);
    assertThat(c.deadLetterIndex()).isEqualTo("soc-deadletter");
  }

  @Test
  void backoffDoublesUpToTheCap() {
    ElasticsearchSinkConfig c = ElasticsearchSinkConfig.of("http://127.0.0.1:9200")
        .withRetries(40, Duration.ofMillis(100), Duration.ofSeconds(1));
    assertThat(c.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(c.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(c.backoff(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(c.backoff(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.backoff(40)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void rejectsBadValues() {
    assertThatThrownBy(() -> ElasticsearchSinkConfig.of()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ElasticsearchSinkConfig.of("localhost")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ElasticsearchSinkConfig.of("http://h:1").withBulk(0, 1, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
