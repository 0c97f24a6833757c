package org.soc.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.soc.schema.Event;
import org.soc.schema.EventCodec;

/** Events into a real Kafka topic as the collectors write them (binary event values), spread over its partitions. */
final class EventTopics implements AutoCloseable {
  private final String topic;
  private final int partitions;
  private final KafkaProducer<byte[], byte[]> producer;
  private final EventCodec codec = new EventCodec(EventCodec.Format.BINARY);
  private long sent;

  private EventTopics(String bootstrap, String topic, int partitions) {
    this.topic = topic;
    this.partitions = partitions;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Creates {@code topic} with {@code partitions} partitions and returns a producer for it. */
  static EventTopics create(String bootstrap, String topic, int partitions) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
    }
    return new EventTopics(bootstrap, topic, partitions);
  }

  /**
   * Sends {@code events} in order, round robin over the partitions (each partition stays in event-time order when
   * the list is), keyed by source address; returns once the broker acknowledged every one.
   */
  void send(List<Event> events) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (Event e : events) {
      acks.add(sendAsync(e));
    }
    producer.flush();
    for (Future<RecordMetadata> ack : acks) {
      ack.get(60, TimeUnit.SECONDS);
    }
  }

  /** Sends one event to the next partition in turn. */
  Future<RecordMetadata> sendAsync(Event e) {
    int partition = (int) (sent++ % partitions);
    byte[] key = e.source() == null || e.source().ip() == null ? null : e.source().ip().getBytes();
    return producer.send(new ProducerRecord<>(topic, partition, e.timestamp().toEpochMilli(), key, codec.encode(e)));
  }

  void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }

  /** {@code events} moved in event time by {@code by} (the test's own day, so tests share one Elasticsearch). */
  static List<Event> shifted(List<Event> events, Duration by) {
    List<Event> out = new ArrayList<>(events.size());
    for (Event e : events) {
      out.add(e.toBuilder().timestamp(e.timestamp().plus(by)).build());
    }
    return out;
  }

  /** The shift that moves {@link TestEvents#T0} to {@code day}. */
  static Duration toDay(Instant day) {
    return Duration.between(TestEvents.T0, day);
  }
}
