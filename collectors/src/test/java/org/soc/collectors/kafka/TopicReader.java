package org.soc.collectors.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.soc.schema.Event;
import org.soc.schema.EventCodec;

/**
 * Reads a topic of the real test broker from the beginning: a plain {@link KafkaConsumer} in its own group,
 * keeping every record it has seen so later waits see earlier records too.
 */
public final class TopicReader implements AutoCloseable {
  private static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  private final KafkaConsumer<String, byte[]> consumer;
  private final EventCodec codec = new EventCodec(EventCodec.Format.BINARY);
  private final List<Keyed> seen = new ArrayList<>();

  /** A record: its key and the event decoded from its value (binary or ECS JSON). */
  public record Keyed(String key, Event event, byte[] value) {}

  public TopicReader(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /** The first record (seen before or now) matching, waiting up to a minute; AssertionError otherwise. */
  public Keyed await(Predicate<Keyed> matching, String what) {
    long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
    while (true) {
      for (Keyed k : seen) {
        if (matching.test(k)) {
          return k;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no record " + what + " within " + DEFAULT_WAIT + "; saw " + seen.size());
      }
      pollOnce();
    }
  }

  /** The record whose event message equals {@code message}. */
  public Keyed awaitMessage(String message) {
    return await(k -> message.equals(k.event().message()), "with message '" + message + "'");
  }

  /** Waits until at least {@code n} records were read; returns all read so far. */
  public List<Keyed> awaitCount(int n) {
    long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
    while (seen.size() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + seen.size() + " of " + n + " records within " + DEFAULT_WAIT);
      }
      pollOnce();
    }
    return List.copyOf(seen);
  }

  public List<Keyed> seen() {
    return List.copyOf(seen);
  }

  private void pollOnce() {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
      seen.add(new Keyed(r.key(), codec.decode(r.value()), r.value()));
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
