package org.soc.collectors;

import java.time.Clock;
import org.soc.agency.AgencyRegistry;
import org.soc.collectors.kafka.EventPublisher;
import org.soc.collectors.kafka.KafkaEventPublisher;
import org.soc.collectors.netflow.FlowConfig;
import org.soc.collectors.netflow.FlowServer;
import org.soc.collectors.syslog.SyslogConfig;
import org.soc.collectors.syslog.SyslogMessageParser;
import org.soc.collectors.syslog.SyslogMetrics;
import org.soc.collectors.syslog.SyslogServer;
import org.soc.schema.EventIdGenerator;

/**
 * The collector process: syslog and NetFlow/IPFIX listeners publishing to Kafka. The launcher builds it, calls
 * {@link #start()} and closes it on shutdown; {@link #close()} stops the listeners first, then flushes and
 * closes the publisher (which this service owns, including one passed in).
 */
public final class CollectorService implements AutoCloseable {
  private final EventPublisher publisher;
  private final SyslogMetrics metrics = new SyslogMetrics();
  private final SyslogServer syslog;
  private final FlowServer flows;

  /** Ports actually bound; -1 where a listener is disabled. */
  public record BoundPorts(SyslogServer.BoundPorts syslog, FlowServer.BoundPorts flows) {}

  /** Production wiring: publishes to Kafka per {@code config.kafka()}. */
  public CollectorService(CollectorConfig config, AgencyRegistry agencies, Clock clock, EventIdGenerator ids) {
    this(config.syslog(), config.flows(), agencies, new KafkaEventPublisher(config.kafka()), clock, ids);
  }

  /** With any publisher, for example an in-memory one in tests. */
  public CollectorService(SyslogConfig syslogConfig, FlowConfig flowConfig, AgencyRegistry agencies,
      EventPublisher publisher, Clock clock, EventIdGenerator ids) {
    this.publisher = publisher;
    SyslogMessageParser parser = SyslogMessageParser.withDefaultDecoders(agencies, clock, ids);
    this.syslog = new SyslogServer(syslogConfig, parser, publisher, metrics);
    this.flows = FlowServer.create(flowConfig, agencies, publisher, clock, ids);
  }

  /** Syslog only: flow listeners disabled. */
  public CollectorService(
      SyslogConfig syslogConfig, AgencyRegistry agencies, EventPublisher publisher, Clock clock, EventIdGenerator ids) {
    this(syslogConfig, FlowConfig.defaults().withPorts(-1, -1), agencies, publisher, clock, ids);
  }

  /** Binds the listeners; returns the ports actually bound. On failure nothing stays bound. */
  public BoundPorts start() {
    SyslogServer.BoundPorts syslogPorts = syslog.start();
    try {
      return new BoundPorts(syslogPorts, flows.start());
    } catch (RuntimeException e) {
      syslog.close();
      throw e;
    }
  }

  public SyslogMetrics metrics() {
    return metrics;
  }

  public SyslogServer syslogServer() {
    return syslog;
  }

  public FlowServer flowServer() {
    return flows;
  }

  @Override
  public void close() {
    try {
      syslog.close();
    } finally {
      try {
        flows.close();
      } finally {
        publisher.close();
      }
    }
  }
}
