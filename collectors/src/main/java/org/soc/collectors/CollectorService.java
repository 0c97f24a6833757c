package org.soc.collectors;

import java.time.Clock;
import org.soc.agency.AgencyRegistry;
import org.soc.collectors.http.CollectorHttpServer;
import org.soc.collectors.http.HttpEndpointConfig;
import org.soc.collectors.kafka.EventPublisher;
import org.soc.collectors.kafka.KafkaEventPublisher;
import org.soc.collectors.syslog.SyslogConfig;
import org.soc.collectors.syslog.SyslogMessageParser;
import org.soc.collectors.syslog.SyslogMetrics;
import org.soc.collectors.syslog.SyslogServer;
import org.soc.schema.EventIdGenerator;

/**
 * The collector process: syslog listeners publishing to Kafka, and the {@code /metrics} and {@code /health}
 * endpoint. The launcher builds it, calls {@link #start()} and closes it on shutdown; {@link #close()} stops
 * the endpoint and the listeners first, then flushes and closes the publisher (which this service owns,
 * including one passed in).
 */
public final class CollectorService implements AutoCloseable {
  private final EventPublisher publisher;
  private final SyslogMetrics metrics = new SyslogMetrics();
  private final SyslogServer syslog;
  private final HttpEndpointConfig httpConfig;
  private CollectorHttpServer http;

  /** Production wiring: publishes to Kafka per {@code config.kafka()}. */
  public CollectorService(CollectorConfig config, AgencyRegistry agencies, Clock clock, EventIdGenerator ids) {
    this(config.syslog(), config.http(), agencies, new KafkaEventPublisher(config.kafka()), clock, ids);
  }

  /** With any publisher, for example an in-memory one in tests; no HTTP endpoint. */
  public CollectorService(
      SyslogConfig syslogConfig, AgencyRegistry agencies, EventPublisher publisher, Clock clock, EventIdGenerator ids) {
    this(syslogConfig, HttpEndpointConfig.disabled(), agencies, publisher, clock, ids);
  }

  public CollectorService(SyslogConfig syslogConfig, HttpEndpointConfig httpConfig, AgencyRegistry agencies,
      EventPublisher publisher, Clock clock, EventIdGenerator ids) {
    this.publisher = publisher;
    this.httpConfig = httpConfig;
    SyslogMessageParser parser = SyslogMessageParser.withDefaultDecoders(agencies, clock, ids);
    this.syslog = new SyslogServer(syslogConfig, parser, agencies, publisher, metrics);
  }

  /** Binds the listeners and the HTTP endpoint; returns the syslog ports actually bound. */
  public SyslogServer.BoundPorts start() {
    SyslogServer.BoundPorts ports = syslog.start();
    if (httpConfig.enabled()) {
      try {
        http = new CollectorHttpServer(httpConfig, syslog, publisher);
      } catch (RuntimeException e) {
        syslog.close();
        throw e;
      }
    }
    return ports;
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

  @Override
  public void close() {
    try {
      if (http != null) {
        http.close();
      }
      syslog.close();
    } finally {
      publisher.close();
    }
  }
}
