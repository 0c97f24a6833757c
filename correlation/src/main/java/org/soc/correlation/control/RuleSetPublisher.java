package org.soc.correlation.control;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes a rule set to the control topic as one record (key {@value #KEY}, value the
 * {@link RuleSetUpdateCodec JSON}); used by {@code bin/soc rules deploy DIR}.
 */
public final class RuleSetPublisher {
  /** Record key of every rule set: the compacted topic keeps the latest. */
  public static final String KEY = "ruleset";

  private RuleSetPublisher() {}

  /** Sends and waits for the broker's acknowledgement; returns the record's offset. */
  public static long publish(String bootstrapServers, String topic, RuleSetUpdate update) {
    ControlTopics.ensure(bootstrapServers, List.of(topic));
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      RecordMetadata meta = producer.send(new ProducerRecord<>(topic, KEY.getBytes(StandardCharsets.UTF_8),
          new RuleSetUpdateCodec().toJson(update))).get();
      return meta.offset();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot publish rule set to " + topic + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted publishing rule set", e);
    }
  }
}
