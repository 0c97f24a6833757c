package org.soc.collectors;

import java.time.Clock;
import org.soc.agency.AgencyRegistry;
import org.soc.collectors.http.CollectorHttpServer;
import org.soc.collectors.http.HttpEndpointConfig;
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
 * The collector process: syslog (UDP, TCP, TLS) and NetFlow/IPFIX listeners publishing to Kafka, and the
 * {@code /metrics} and {@code /health} endpoint. The launcher builds it, calls {@link #start()} and closes it on
 * shutdown; {@link #close()} stops the endpoint and the listeners first, then flushes and closes the publisher
 * (which this service owns, including one passed in).
 */
public final class CollectorService implements AutoCloseable {
  private final EventPublisher publisher;
  private final SyslogMetrics metrics = new SyslogMetrics();
  private final SyslogServer syslog;
  private final FlowServer flows;
  private final HttpEndpointConfig httpConfig;
  private CollectorHttpServer http;

  /** Ports actually bound; -1 where a listener is disabled. */
  public record BoundPorts(SyslogServer.BoundPorts syslog, FlowServer.BoundPorts flows) {}

  /** Production wiring: publishes to Kafka per {@code config.kafka()}. */
  public CollectorService(CollectorConfig config, AgencyRegistry agencies, Clock clock, EventIdGenerator ids) {
    this(config.syslog(), config.flows(), config.http(), agencies, new KafkaEventPublisher(config.kafka()), clock,
        ids);
  }

  /** With any publisher, for example an in-memory one in tests. */
  public CollectorService(SyslogConfig syslogConfig, FlowConfig flowConfig, HttpEndpointConfig httpConfig,
      AgencyRegistry agencies, EventPublisher publisher, Clock clock, EventIdGenerator ids) {
    this.publisher = publisher;
    this.httpConfig = httpConfig;
    SyslogMessageParser parser = SyslogMessageParser.withDefaultDecoders(agencies, clock, ids);
    this.syslog = new SyslogServer(syslogConfig, parser, agencies, publisher, metrics);
    this.flows = FlowServer.create(flowConfig, agencies, publisher, clock, ids);
  }

  /** Syslog and the HTTP endpoint, no flow listeners. */
  public CollectorService(SyslogConfig syslogConfig, HttpEndpointConfig httpConfig, AgencyRegistry agencies,
      EventPublisher publisher, Clock clock, EventIdGenerator ids) {
    this(syslogConfig, FlowConfig.defaults().withPorts(-1, -1), httpConfig, agencies, publisher, clock, ids);
  }

  /** Syslog only: no flow listeners, no HTTP endpoint. */
  public CollectorService(
      SyslogConfig syslogConfig, AgencyRegistry agencies, EventPublisher publisher, Clock clock, EventIdGenerator ids) {
    this(syslogConfig, HttpEndpointConfig.disabled(), agencies, publisher, clock, ids);
  }

  /** Binds the listeners and the HTTP endpoint; returns the ports actually bound. On failure nothing stays bound. */
  public BoundPorts start() {
    SyslogServer.BoundPorts syslogPorts = syslog.start();
    try {
      FlowServer.BoundPorts flowPorts = flows.start();
      if (httpConfig.enabled()) {
        http = new CollectorHttpServer(httpConfig, syslog, publisher);
      }
      return new BoundPorts(syslogPorts, flowPorts);
    } catch (RuntimeException e) {
      flows.close();
      syslog.close();
      throw e;
    }
  }

  /** Port of the {@code /metrics} and {@code /health} endpoint, or -1 when disabled or not started. */
  public int httpPort() {
    return http == null ? -1 : http.port();
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
      if (http != null) {
        http.close();
      }
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
