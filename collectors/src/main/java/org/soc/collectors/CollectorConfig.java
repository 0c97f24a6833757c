package org.soc.collectors;

import java.util.Objects;
import org.soc.collectors.kafka.KafkaPublisherConfig;
import org.soc.collectors.netflow.FlowConfig;
import org.soc.collectors.syslog.SyslogConfig;

/** Everything the collector service needs besides the agency registry, clock and id source. */
public record CollectorConfig(SyslogConfig syslog, FlowConfig flows, KafkaPublisherConfig kafka) {
  public CollectorConfig {
    Objects.requireNonNull(syslog, "syslog");
    Objects.requireNonNull(flows, "flows");
    Objects.requireNonNull(kafka, "kafka");
  }
}
