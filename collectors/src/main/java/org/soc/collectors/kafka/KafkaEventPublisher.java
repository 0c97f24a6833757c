package org.soc.collectors.kafka;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.soc.schema.Event;
import org.soc.schema.EncodedEvent;
import org.soc.schema.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events to Kafka: key = {@code organization.id} (so one agency's events stay ordered in one
 * partition), value = the event in the config's format ({@link EventCodec}: binary by default, or ECS JSON),
 * idempotent producer with {@code acks=all}.
 *
 * <p>Failed sends are not swallowed: transient errors are retried by the producer until
 * {@code delivery.timeout.ms}; what still fails is counted as dropped by reason (exception class) and logged,
 * at most every few seconds so a broker outage does not flood the log.
 */
public final class KafkaEventPublisher implements EventPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);
  private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final Duration closeTimeout;
  private final EventCodec codec;
  private final AtomicLong inFlight = new AtomicLong();
  private final LongAdder sent = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final ConcurrentMap<String, LongAdder> droppedByReason = new ConcurrentHashMap<>();
  private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
  private final Callback callback = this::completed;

  public KafkaEventPublisher(KafkaPublisherConfig config) {
    this(new KafkaProducer<>(producerProperties(config)), config.topic(), config.closeTimeout(), config.format());
  }

  /** With a producer built by the caller (for example with extra interceptors or a custom partitioner). */
  public KafkaEventPublisher(Producer<String, byte[]> producer, String topic, Duration closeTimeout,
      EventCodec.Format format) {
    this.codec = new EventCodec(format);
    this.producer = producer;
    this.topic = topic;
    this.closeTimeout = closeTimeout;
  }

  /** The producer properties used for a config: durability settings first, overrides last. */
  public static Properties producerProperties(KafkaPublisherConfig config) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(config.batching().linger().toMillis()));
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(config.batching().batchBytes()));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(config.batching().bufferBytes()));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compressionType());
    if ("zstd".equals(config.compressionType())) {
      // Level 1, not Kafka's 3: the collector is CPU-bound and ECS JSON compresses nearly as well (benchmarks.md).
      p.put(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG, "1");
    }
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(config.deliveryTimeout().toMillis()));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(config.maxBlock().toMillis()));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.putAll(config.overrides());
    return p;
  }

  @Override
  public void publish(Event event) {
    byte[] value;
    try {
      value = codec.encode(event);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      // JSON fails with the former, the binary form with the latter (a string or an event beyond 2 GiB).
      drop("serialization", event.id(), e);
      return;
    }
    send(event.organizationId(), value, event.id());
  }

  @Override
  public void publish(EncodedEvent event) {
    send(event.organizationId(), event.json(), null);
  }

  private void send(String key, byte[] value, String eventId) {
    inFlight.incrementAndGet();
    try {
      producer.send(new ProducerRecord<>(topic, key, value), callback);
    } catch (KafkaException | IllegalStateException e) {
      // Synchronous failures: buffer full for max.block.ms, producer closed, record too large.
      inFlight.decrementAndGet();
      drop(e.getClass().getSimpleName(), eventId, e);
    }
  }

  private void completed(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
    inFlight.decrementAndGet();
    if (e == null) {
      sent.increment();
    } else {
      drop(e.getClass().getSimpleName(), null, e);
    }
  }

  private void drop(String reason, String eventId, Exception e) {
    dropped.increment();
    droppedByReason.computeIfAbsent(reason, k -> new LongAdder()).increment();
    long now = System.nanoTime();
    long last = lastFailureLog.get();
    if (now - last >= LOG_INTERVAL_NANOS && lastFailureLog.compareAndSet(last, now)) {
      LOG.warn("dropped event {} for topic {} ({}); {} dropped so far by reason {}",
          eventId == null ? "" : eventId, topic, reason, dropped.sum(), droppedByReason(), e);
    }
  }

  @Override
  public long inFlight() {
    return inFlight.get();
  }

  /** Records acknowledged by the brokers. */
  public long sent() {
    return sent.sum();
  }

  /** Records given up on (serialisation, send or delivery failure). */
  public long dropped() {
    return dropped.sum();
  }

  public Map<String, Long> droppedByReason() {
    Map<String, Long> out = new TreeMap<>();
    droppedByReason.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  @Override
  public void close() {
    producer.close(closeTimeout);
  }
}
