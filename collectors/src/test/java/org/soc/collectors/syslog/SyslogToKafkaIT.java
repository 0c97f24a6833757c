package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.soc.collectors.CollectorConfig;
import org.soc.collectors.CollectorService;
import org.soc.collectors.kafka.KafkaPublisherConfig;
import org.soc.collectors.kafka.TopicReader;
import org.soc.schema.Event;
import org.soc.schema.EventIdGenerator;
import org.soc.stack.LocalStack;
import org.soc.stack.LocalStackExtension;

/**
 * The production wiring of {@link CollectorService} (real {@code KafkaEventPublisher}) fed by util-linux
 * {@code logger} over UDP and TCP, checked in the topic of the real broker.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyslogToKafkaIT {
  private static final String TOPIC = "it.syslog-to-kafka";
  private CollectorService service;
  private SyslogServer.BoundPorts ports;
  private TopicReader topic;

  @BeforeAll
  void start(LocalStack stack) {
    SyslogConfig syslog = SyslogConfig.defaults().withBindHost("127.0.0.1").withPorts(0, 0).withThreads(2, 2);
    service = new CollectorService(
        new CollectorConfig(syslog, KafkaPublisherConfig.of(stack.kafkaBootstrap()).withTopic(TOPIC)),
        Fixtures.registry(), Clock.systemUTC(), new EventIdGenerator(42));
    ports = service.start().syslog();
    topic = new TopicReader(stack.kafkaBootstrap(), TOPIC);
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
    if (topic != null) {
      topic.close();
    }
  }

  @Test
  void loggerRfc5424OverUdpReachesTheTopicKeyedByAgency() throws Exception {
    Logger.send(ports.udp(), "-d", "--rfc5424", "-t", "sshd", "--msgid", "AUTH",
        "Failed password for root from 203.0.113.7 port 4242 ssh2");
    TopicReader.Keyed record = topic.await(
        k -> k.event().message() != null && k.event().message().contains("203.0.113.7 port 4242"), "ssh over udp");
    Event e = record.event();
    assertThat(record.key()).isEqualTo("health");
    assertThat(e.soc().input()).isEqualTo(SyslogMessageParser.INPUT_UDP);
    assertThat(e.isParseFailure()).isFalse();
    assertThat(e.log().syslog().msgid()).isEqualTo("AUTH");
    assertThat(e.event().outcome()).isEqualTo("failure");
    assertThat(e.source().ip()).isEqualTo("203.0.113.7");
    assertThat(e.event().original()).startsWith("<13>1 ");
  }

  @Test
  void loggerRfc3164OverUdpReachesTheTopic() throws Exception {
    Logger.send(ports.udp(), "-d", "--rfc3164", "-t", "myapp", "-p", "auth.warning", "bsd over udp");
    Event e = topic.awaitMessage("bsd over udp").event();
    assertThat(e.isParseFailure()).isFalse();
    assertThat(e.log().syslog().facility().name()).isEqualTo("auth");
    assertThat(e.process().name()).isEqualTo("myapp");
    assertThat(e.organizationId()).isEqualTo("health");
  }

  @Test
  void loggerRfc5424OverTcpWithOctetCountingReachesTheTopic() throws Exception {
    Logger.send(ports.tcp(), "-T", "--rfc5424", "--octet-count", "-t", "app", "counted over tcp");
    TopicReader.Keyed record = topic.awaitMessage("counted over tcp");
    assertThat(record.key()).isEqualTo("health");
    assertThat(record.event().soc().input()).isEqualTo(SyslogMessageParser.INPUT_TCP);
    assertThat(record.event().log().syslog().version()).isEqualTo(1);
  }

  @Test
  void loggerRfc3164OverTcpWithNewlineFramingReachesTheTopic() throws Exception {
    Logger.send(ports.tcp(), "-T", "--rfc3164", "-t", "app", "newline framed over tcp");
    Event e = topic.awaitMessage("newline framed over tcp").event();
    assertThat(e.soc().input()).isEqualTo(SyslogMessageParser.INPUT_TCP);
    assertThat(e.isParseFailure()).isFalse();
  }

  @Test
  void loggerRfc5424OverTcpWithNewlineFramingReachesTheTopic() throws Exception {
    Logger.send(ports.tcp(), "-T", "--rfc5424", "-t", "app", "--sd-id", "origin@32473", "--sd-param",
        "software=\"logger\"", "lf framed 5424");
    Event e = topic.awaitMessage("lf framed 5424").event();
    assertThat(e.log().syslog().structuredData().get("origin@32473")).containsEntry("software", "logger");
  }

  @Test
  void manyLinesOverOneTcpConnectionAllArrive() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("logger-lines", ".txt");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      lines.append("bulk line ").append(i).append('\n');
    }
    java.nio.file.Files.writeString(file, lines);
    Logger.send(ports.tcp(), "-T", "--octet-count", "-t", "bulk", "-f", file.toString());
    for (int i = 0; i < 200; i++) {
      topic.awaitMessage("bulk line " + i);
    }
    java.nio.file.Files.delete(file);
  }
}
