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
        .containsEntry("linger.ms", "5").containsEntry("compression.type", "zstd")
        .containsEntry("bootstrap.servers", "kafka:9092");
    assertThat(KafkaPublisherConfig.of("k:9092").topic()).isEqualTo("soc.events");
  }

  @Test
  void overridesWinOverTheDefaults() {
    KafkaPublisherConfig config = new KafkaPublisherConfig("k:9092", null, null, null, null, null, null,
        java.util.Map.of("compression.type", "lz4", "security.protocol", "SSL"));
    assertThat(KafkaEventPublisher.producerProperties(config))
        .containsEntry("compression.type", "lz4").containsEntry("security.protocol", "SSL");
  }
}
