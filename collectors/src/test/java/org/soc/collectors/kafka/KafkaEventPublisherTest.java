package org.soc.collectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.soc.schema.Event;
import org.soc.schema.EventJson;

/** Uses Kafka's own MockProducer to observe records and complete or fail them by hand. */
class KafkaEventPublisherTest {
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  private final KafkaEventPublisher publisher =
      new KafkaEventPublisher(producer, KafkaPublisherConfig.DEFAULT_TOPIC, Duration.ofSeconds(1));

  private static Event event(String org) {
    return Event.builder()
        .timestamp(Instant.parse("2025-03-14T10:00:00Z"))
        .event(new Event.EventInfo("id-1", "event", null, null, null, null, null, "x", null, "syslog", null, null))
        .organization(org == null ? null : new Event.Organization(org, org))
        .build();
  }

  @Test
  void recordIsKeyedByOrganizationWithEcsJsonValue() {
    Event e = event("health");
    publisher.publish(e);
    ProducerRecord<String, byte[]> record = producer.history().get(0);
    assertThat(record.topic()).isEqualTo("soc.events");
    assertThat(record.key()).isEqualTo("health");
    assertThat(new EventJson().fromBytes(record.value())).isEqualTo(e);
  }

  @Test
  void eventWithoutOrganizationIsKeyedUnknown() {
    publisher.publish(event(null));
    assertThat(producer.history().get(0).key()).isEqualTo("unknown");
  }

  @Test
  void inFlightCountsUntilTheBrokerAcknowledges() {
    publisher.publish(event("health"));
    publisher.publish(event("health"));
    assertThat(publisher.inFlight()).isEqualTo(2);
    producer.completeNext();
    assertThat(publisher.inFlight()).isEqualTo(1);
    assertThat(publisher.sent()).isEqualTo(1);
  }

  @Test
  void deliveryFailureIsCountedAsDroppedWithReason() {
    publisher.publish(event("health"));
    producer.errorNext(new TimeoutException("delivery.timeout.ms expired"));
    assertThat(publisher.inFlight()).isZero();
    assertThat(publisher.dropped()).isEqualTo(1);
    assertThat(publisher.droppedByReason()).containsEntry("TimeoutException", 1L);
  }

  @Test
  void sendAfterCloseIsCountedNotThrown() {
    publisher.close();
    publisher.publish(event("health"));
    assertThat(publisher.dropped()).isEqualTo(1);
    assertThat(publisher.inFlight()).isZero();
  }

  @Test
  void producerIsDurableAndIdempotent() {
    Properties p = KafkaEventPublisher.producerProperties(KafkaPublisherConfig.of("kafka:9092"));
    assertThat(p).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
        .containsEntry("linger.ms", "5").containsEntry("compression.type", "zstd")
        .containsEntry("bootstrap.servers", "kafka:9092");
    assertThat(KafkaPublisherConfig.of("k:9092").topic()).isEqualTo("soc.events");
  }
}
