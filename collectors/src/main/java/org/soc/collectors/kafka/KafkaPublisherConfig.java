package org.soc.collectors.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of {@link KafkaEventPublisher}.
 *
 * @param bootstrapServers {@code bootstrap.servers}
 * @param topic topic the events go to; default {@value #DEFAULT_TOPIC}
 * @param clientId {@code client.id}
 * @param compressionType {@code compression.type}: {@code zstd} (default) or {@code lz4}
 * @param deliveryTimeout {@code delivery.timeout.ms}: after this an unacknowledged record is dropped (counted)
 * @param maxBlock {@code max.block.ms}: how long {@code send} may block when the buffer is full or metadata
 *     is missing; keep it short, it blocks an event loop
 * @param closeTimeout how long {@link KafkaEventPublisher#close()} waits for queued records
 * @param overrides further producer properties (security.protocol, ssl.*, sasl.*); they win over the above
 */
public record KafkaPublisherConfig(
    String bootstrapServers,
    String topic,
    String clientId,
    String compressionType,
    Duration deliveryTimeout,
    Duration maxBlock,
    Duration closeTimeout,
    Map<String, String> overrides) {

  public static final String DEFAULT_TOPIC = "soc.events";

  public KafkaPublisherConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    topic = topic == null ? DEFAULT_TOPIC : topic;
    clientId = clientId == null ? "soc-collector" : clientId;
    compressionType = compressionType == null ? "zstd" : compressionType;
    deliveryTimeout = deliveryTimeout == null ? Duration.ofMinutes(2) : deliveryTimeout;
    maxBlock = maxBlock == null ? Duration.ofSeconds(5) : maxBlock;
    closeTimeout = closeTimeout == null ? Duration.ofSeconds(30) : closeTimeout;
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
  }

  /** Defaults for everything but the brokers. */
  public static KafkaPublisherConfig of(String bootstrapServers) {
    return new KafkaPublisherConfig(bootstrapServers, null, null, null, null, null, null, null);
  }

  public KafkaPublisherConfig withTopic(String value) {
    return new KafkaPublisherConfig(bootstrapServers, value, clientId, compressionType, deliveryTimeout, maxBlock,
        closeTimeout, overrides);
  }
}
