package org.soc.collectors;

import java.util.Objects;
import org.soc.collectors.http.HttpEndpointConfig;
import org.soc.collectors.kafka.KafkaPublisherConfig;
import org.soc.collectors.syslog.SyslogConfig;

/**
 * Everything the collector service needs besides the agency registry, clock and id source.
 *
 * @param http the {@code /metrics} and {@code /health} endpoint
 */
public record CollectorConfig(SyslogConfig syslog, KafkaPublisherConfig kafka, HttpEndpointConfig http) {
  public CollectorConfig {
    Objects.requireNonNull(syslog, "syslog");
    Objects.requireNonNull(kafka, "kafka");
    http = http == null ? HttpEndpointConfig.disabled() : http;
  }

  /** Without the HTTP endpoint. */
  public CollectorConfig(SyslogConfig syslog, KafkaPublisherConfig kafka) {
    this(syslog, kafka, null);
  }
}
