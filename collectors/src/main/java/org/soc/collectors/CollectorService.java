package org.soc.collectors;

import java.time.Clock;
import org.soc.agency.AgencyRegistry;
import org.soc.collectors.kafka.EventPublisher;
import org.soc.collectors.kafka.KafkaEventPublisher;
import org.soc.collectors.syslog.SyslogConfig;
import org.soc.collectors.syslog.SyslogMessageParser;
import org.soc.collectors.syslog.SyslogMetrics;
import org.soc.collectors.syslog.SyslogServer;
import org.soc.schema.EventIdGenerator;

/**
 * The collector process: syslog listeners publishing to Kafka. The launcher builds it, calls {@link #start()}
 * and closes it on shutdown; {@link #close()} stops the listeners first, then flushes and closes the
 * publisher (which this service owns, including one passed in).
 */
public final class CollectorService implements AutoCloseable {
  private final EventPublisher publisher;
  private final SyslogMetrics metrics = new SyslogMetrics();
  private final SyslogServer syslog;

  /** Production wiring: publishes to Kafka per {@code config.kafka()}. */
  public CollectorService(CollectorConfig config, AgencyRegistry agencies, Clock clock, EventIdGenerator ids) {
    this(config.syslog(), agencies, new KafkaEventPublisher(config.kafka()), clock, ids);
  }

  /** With any publisher, for example an in-memory one in tests. */
  public CollectorService(
      SyslogConfig syslogConfig, AgencyRegistry agencies, EventPublisher publisher, Clock clock, EventIdGenerator ids) {
    this.publisher = publisher;
    SyslogMessageParser parser = SyslogMessageParser.withDefaultDecoders(agencies, clock, ids);
    this.syslog = new SyslogServer(syslogConfig, parser, publisher, metrics);
  }

  /** Binds the listeners; returns the ports actually bound. */
  public SyslogServer.BoundPorts start() {
    return syslog.start();
  }

  public SyslogMetrics metrics() {
    return metrics;
  }

  public SyslogServer syslogServer() {
    return syslog;
  }

  @Override
  public void close() {
    try {
      syslog.close();
    } finally {
      publisher.close();
    }
  }
}
