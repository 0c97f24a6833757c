package org.soc.collectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Producer settings only; everything the publisher does with records is tested against the real broker in
 * {@link KafkaEventPublisherIT}.
 */
class KafkaEventPublisherTest {

  @Test
  void producerIsDurableAndIdempotent() {
    Properties p = KafkaEventPublisher.producerProperties(KafkaPublisherConfig.of("kafka:9092"));
    assertThat(p).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
        .containsEntry("compression.type", "zstd")
        .containsEntry("bootstrap.servers", "kafka:9092");
    assertThat(KafkaPublisherConfig.of("k:9092").topic()).isEqualTo("soc.events");
  }

  @Test
  void overridesWinOverTheDefaults() {
    KafkaPublisherConfig config = new KafkaPublisherConfig("k:9092", null, null, null, null, null, null, null,
        java.util.Map.of("compression.type", "lz4", "security.protocol", "SSL"), null);
    assertThat(KafkaEventPublisher.producerProperties(config))
        .containsEntry("compression.type", "lz4").containsEntry("security.protocol", "SSL");
  }

  @Test
  void batchesAreLargerThanKafkasDefaultsAndZstdRunsAtLevelOne() {
    var p = KafkaEventPublisher.producerProperties(KafkaPublisherConfig.of("k:9092"));
    assertThat(p).containsEntry("batch.size", "524288").containsEntry("linger.ms", "20")
        .containsEntry("buffer.memory", "67108864").containsEntry("compression.type", "zstd")
        .containsEntry("compression.zstd.level", "1");
  }

  @Test
  void noZstdLevelForOtherCodecs() {
    var config = new KafkaPublisherConfig("k:9092", null, null, "lz4", null, null, null,
        new KafkaPublisherConfig.Batching(64 * 1024, java.time.Duration.ofMillis(5), 32L * 1024 * 1024), null, null);
    assertThat(KafkaEventPublisher.producerProperties(config)).doesNotContainKey("compression.zstd.level")
        .containsEntry("batch.size", "65536").containsEntry("linger.ms", "5");
  }

  @Test
  void aBatchLargerThanTheBufferIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new KafkaPublisherConfig.Batching(1024, java.time.Duration.ZERO, 512))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchBytes <= bufferBytes");
  }
}
