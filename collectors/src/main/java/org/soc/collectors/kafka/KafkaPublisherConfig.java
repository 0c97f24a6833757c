package org.soc.collectors.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.soc.schema.EventCodec;

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
 * @param batching how records are grouped into produce requests; default {@link Batching#DEFAULT}
 * @param overrides further producer properties (security.protocol, ssl.*, sasl.*); they win over the above
 * @param format how events are written: {@link EventCodec.Format#BINARY} (default; what the correlation job reads
 *     cheapest) or {@link EventCodec.Format#JSON} (the ECS document, for other consumers of the topic)
 */
public record KafkaPublisherConfig(
    String bootstrapServers,
    String topic,
    String clientId,
    String compressionType,
    Duration deliveryTimeout,
    Duration maxBlock,
    Duration closeTimeout,
    Batching batching,
    Map<String, String> overrides,
    EventCodec.Format format) {

  public static final String DEFAULT_TOPIC = "soc.events";

  public KafkaPublisherConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    topic = topic == null ? DEFAULT_TOPIC : topic;
    clientId = clientId == null ? "soc-collector" : clientId;
    compressionType = compressionType == null ? "zstd" : compressionType;
    deliveryTimeout = deliveryTimeout == null ? Duration.ofMinutes(2) : deliveryTimeout;
    maxBlock = maxBlock == null ? Duration.ofSeconds(5) : maxBlock;
    closeTimeout = closeTimeout == null ? Duration.ofSeconds(30) : closeTimeout;
    batching = batching == null ? Batching.DEFAULT : batching;
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    format = format == null ? EventCodec.Format.BINARY : format;
  }

  /**
   * Producer batching. Larger batches than Kafka's defaults (16 KiB, 5 ms): a collector sends 10^5 small records a
   * second, and the broker's cost is mostly per produce request (decompressing and validating a batch, appending,
   * acknowledging), so fewer, fuller batches cut the broker's CPU per event by half in the syslog load test
   * (docs/benchmarks.md) for at most {@code linger} of extra delay.
   *
   * @param batchBytes {@code batch.size}, per partition
   * @param linger {@code linger.ms}: how long a batch that is not full waits for more records
   * @param bufferBytes {@code buffer.memory}: all unsent batches together; the in-flight watermarks of the TCP
   *     flow control pause senders long before it fills
   */
  public record Batching(int batchBytes, Duration linger, long bufferBytes) {
    public static final Batching DEFAULT = new Batching(512 * 1024, Duration.ofMillis(20), 64L * 1024 * 1024);

    public Batching {
      if (batchBytes <= 0 || bufferBytes < batchBytes) {
        throw new IllegalArgumentException("need 0 < batchBytes <= bufferBytes, got " + batchBytes + ", " + bufferBytes);
      }
      Objects.requireNonNull(linger, "linger");
    }
  }

  /** Defaults for everything but the brokers. */
  public static KafkaPublisherConfig of(String bootstrapServers) {
    return new KafkaPublisherConfig(bootstrapServers, null, null, null, null, null, null, null, null, null);
  }

  public KafkaPublisherConfig withTopic(String value) {
    return new KafkaPublisherConfig(bootstrapServers, value, clientId, compressionType, deliveryTimeout, maxBlock,
        closeTimeout, batching, overrides, format);
  }

  public KafkaPublisherConfig withFormat(EventCodec.Format value) {
    return new KafkaPublisherConfig(bootstrapServers, topic, clientId, compressionType, deliveryTimeout, maxBlock,
        closeTimeout, batching, overrides, value);
  }
}
