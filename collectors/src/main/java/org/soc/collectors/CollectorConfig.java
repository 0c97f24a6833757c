package org.soc.collectors;

import java.util.Objects;
import org.soc.collectors.http.HttpEndpointConfig;
import org.soc.collectors.kafka.KafkaPublisherConfig;
import org.soc.collectors.netflow.FlowConfig;
import org.soc.collectors.syslog.SyslogConfig;

/**
 * Everything the collector service needs besides the agency registry, clock and id source.
 *
 * @param flows NetFlow/IPFIX listeners (ports -1 disable them)
 * @param http the {@code /metrics} and {@code /health} endpoint
 */
public record CollectorConfig(
    SyslogConfig syslog, FlowConfig flows, KafkaPublisherConfig kafka, HttpEndpointConfig http) {
  public CollectorConfig {
    Objects.requireNonNull(syslog, "syslog");
    Objects.requireNonNull(kafka, "kafka");
    flows = flows == null ? FlowConfig.defaults().withPorts(-1, -1) : flows;
    http = http == null ? HttpEndpointConfig.disabled() : http;
  }

  /** Syslog only, with the HTTP endpoint. */
  public CollectorConfig(SyslogConfig syslog, KafkaPublisherConfig kafka, HttpEndpointConfig http) {
    this(syslog, null, kafka, http);
  }

  /** Syslog only, without the HTTP endpoint. */
  public CollectorConfig(SyslogConfig syslog, KafkaPublisherConfig kafka) {
    this(syslog, null, kafka, null);
  }
}
