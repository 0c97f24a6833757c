package org.soc.collectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.schema.Event;
import org.soc.stack.LocalStack;
import org.soc.stack.LocalStackExtension;

/** {@link KafkaEventPublisher} against the real local broker, read back with a plain consumer. */
@ExtendWith(LocalStackExtension.class)
class KafkaEventPublisherIT {

  private static Event event(String id, String org) {
    return Event.builder()
        .timestamp(Instant.parse("2025-03-14T10:00:00Z"))
        .event(new Event.EventInfo(id, "event", null, null, null, null, null, "line " + id, null, "syslog", null,
            null))
        .organization(org == null ? null : new Event.Organization(org, "Agency " + org))
        .message("message " + id)
        .build();
  }

  private static String topic(TestInfo test) {
    return "it.publisher." + test.getTestMethod().orElseThrow().getName();
  }

  private static KafkaPublisherConfig config(LocalStack stack, String topic) {
    return KafkaPublisherConfig.of(stack.kafkaBootstrap()).withTopic(topic);
  }

  @Test
  void recordIsKeyedByOrganizationIdWithTheBinaryEventAsValue(LocalStack stack, TestInfo test) {
    Event health = event("e-1", "health");
    try (KafkaEventPublisher publisher = new KafkaEventPublisher(config(stack, topic(test)))) {
      publisher.publish(health);
    }
    try (TopicReader reader = new TopicReader(stack.kafkaBootstrap(), topic(test))) {
      TopicReader.Keyed record = reader.awaitMessage("message e-1");
      assertThat(record.key()).isEqualTo("health");
      assertThat(record.event()).isEqualTo(health);
      assertThat(org.soc.schema.EventBinary.isBinary(record.value())).isTrue();
    }
  }

  @Test
  void theJsonFormatPublishesTheEcsDocument(LocalStack stack, TestInfo test) {
    Event health = event("e-1j", "health");
    try (KafkaEventPublisher publisher = new KafkaEventPublisher(
        config(stack, topic(test)).withFormat(org.soc.schema.EventCodec.Format.JSON))) {
      publisher.publish(health);
    }
    try (TopicReader reader = new TopicReader(stack.kafkaBootstrap(), topic(test))) {
      TopicReader.Keyed record = reader.awaitMessage("message e-1j");
      assertThat(record.event()).isEqualTo(health);
      assertThat(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("\"organization\"").contains("\"@timestamp\"");
    }
  }

  @Test
  void encodedEventIsSentAsItsBytesUnderItsOrganizationKey(LocalStack stack, TestInfo test) {
    Event finance = event("e-3", "finance");
    byte[] json = new org.soc.schema.EventJson().toBytes(finance);
    try (KafkaEventPublisher publisher = new KafkaEventPublisher(config(stack, topic(test)))) {
      publisher.publish(new org.soc.schema.EncodedEvent("finance", json));
    }
    try (TopicReader reader = new TopicReader(stack.kafkaBootstrap(), topic(test))) {
      TopicReader.Keyed record = reader.awaitMessage("message e-3");
      assertThat(record.key()).isEqualTo("finance");
      assertThat(record.value()).isEqualTo(json);
      assertThat(record.event()).isEqualTo(finance);
    }
  }

  @Test
  void eventWithoutOrganizationIsKeyedUnknown(LocalStack stack, TestInfo test) {
    try (KafkaEventPublisher publisher = new KafkaEventPublisher(config(stack, topic(test)))) {
      publisher.publish(event("e-2", null));
    }
    try (TopicReader reader = new TopicReader(stack.kafkaBootstrap(), topic(test))) {
      assertThat(reader.awaitMessage("message e-2").key()).isEqualTo("unknown");
    }
  }

  @Test
  void inFlightFallsToZeroOnceTheBrokerAcknowledgesEveryRecord(LocalStack stack, TestInfo test) throws Exception {
    try (KafkaEventPublisher publisher = new KafkaEventPublisher(config(stack, topic(test)))) {
      for (int i = 0; i < 500; i++) {
        publisher.publish(event("n-" + i, i % 2 == 0 ? "health" : "finance"));
      }
      assertThat(publisher.inFlight()).isPositive();
      await(() -> publisher.inFlight() == 0, "all acknowledged");
      assertThat(publisher.sent()).isEqualTo(500);
      assertThat(publisher.dropped()).isZero();
    }
    try (TopicReader reader = new TopicReader(stack.kafkaBootstrap(), topic(test))) {
      assertThat(reader.awaitCount(500)).hasSize(500);
    }
  }

  @Test
  void eventsOfOneAgencyStayInOrderInOnePartition(LocalStack stack, TestInfo test) {
    try (KafkaEventPublisher publisher = new KafkaEventPublisher(config(stack, topic(test)))) {
      for (int i = 0; i < 50; i++) {
        publisher.publish(event(Integer.toString(i), "health"));
      }
    }
    try (TopicReader reader = new TopicReader(stack.kafkaBootstrap(), topic(test))) {
      assertThat(reader.awaitCount(50)).extracting(k -> k.event().event().id())
          .containsExactly(java.util.stream.IntStream.range(0, 50).mapToObj(Integer::toString).toArray(String[]::new));
    }
  }

  @Test
  void brokerThatCannotBeReachedCountsTheEventDroppedWithReason() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    KafkaPublisherConfig unreachable = new KafkaPublisherConfig("127.0.0.1:" + closedPort, "it.unreachable", null,
        null, null, Duration.ofMillis(300), Duration.ofSeconds(1), null, null, null);
    try (KafkaEventPublisher publisher = new KafkaEventPublisher(unreachable)) {
      publisher.publish(event("lost", "health"));
      await(() -> publisher.dropped() == 1, "drop counted");
      assertThat(publisher.droppedByReason()).containsEntry("TimeoutException", 1L);
      assertThat(publisher.inFlight()).isZero();
    }
  }

  @Test
  void publishAfterCloseIsCountedNotThrown(LocalStack stack, TestInfo test) {
    KafkaEventPublisher publisher = new KafkaEventPublisher(config(stack, topic(test)));
    publisher.close();
    publisher.publish(event("late", "health"));
    assertThat(publisher.dropped()).isEqualTo(1);
    assertThat(publisher.inFlight()).isZero();
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }
}
